// The demo's survey results pages (src/demo/survey_responses.cpp): the ids of
// its surveys differ between databases and with what other demo parts made
// first, so they are found by the results page's heading.
const titles = {
  useful: 'End of the programme: was it useful?',
  self_assessment: 'Self-assessment of competences',
};

// The path of the results page of the demo survey of `kind` (page must be
// signed in as staff, in English or any language: the title is the staff's
// working title, the same in every language).
export async function demoSurveyResults(page, url, kind) {
  for (let id = 1; id <= 40; id++) {
    const res = await page.goto(`${url}/surveys/${id}/results`);
    if (res?.status() !== 200) continue;
    const h1 = await page.locator('h1').first().textContent();
    if (h1?.includes(titles[kind])) return `/surveys/${id}/results`;
  }
  throw new Error(`no demo survey of kind ${kind}`);
}
