// The final paper's whole journey in a real browser, without an account at
// the end: the participant uploads a draft, the supervisor asks for
// revisions with the rubric, the participant uploads the final version, it
// is accepted, the participant publishes it, and an anonymous visitor finds
// it in the knowledge base by an Arabic query, opens its public page and
// downloads the file.
//
// Selectors are label texts and agreed routes (/papers, /papers/{id},
// /papers/{id}/assess, /papers/{id}/publish, /knowledge?q=, /knowledge/works/{n}),
// so a page that words its buttons differently needs only the patterns below
// changed. The paper itself is set up as staff would (/cohorts/{id}/papers/new)
// with SQL (publishing.mjs), so the journey starts where the participant does.
import { expect, logIn, logOut, pathOf, submitForm } from './lib.mjs';
import { acceptedPaper, pdfBytes, startedPaper, workNumber } from './publishing.mjs';

const arabicTitle = 'إعادة إدماج العائدين في المجتمعات الريفية';
const englishTitle = 'Reintegration of returnees in rural communities';
// A word of the title with the article and a plural ending the stemmer has
// to undo: "المجتمعات" (the communities) is found by "مجتمع".
const arabicQuery = 'مجتمع';

const labels = {
  file: /file|datei|fichier|ملف/i,
  milestone: /milestone|stage/i,
  upload: /upload/i,
  assess: /assess/i,
  revisions: /revisions/i,
  accepted: /accept/i,
  feedback: /feedback/i,
  decide: /save|submit|assess|decide/i,
  consent: /I agree that this work is published/,
  publish: /^publish$/i,
};

// Uploads `name` as the given milestone from the paper's own page.
async function uploadVersion(page, url, paper, milestone, name) {
  await page.goto(`${url}/papers/${paper}`);
  const form = page.locator(`form[action="/papers/${paper}/versions"]`);
  await form.getByLabel(labels.file).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdfBytes });
  const select = form.getByLabel(labels.milestone);
  if (await select.count()) await select.selectOption(milestone);
  const [res] = await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: labels.upload }).click()]);
  expect(res.status() === 200, `uploading the ${milestone} answered ${res.status()}`);
}

// Assesses the newest version: every rubric score, the decision, a feedback.
async function assess(page, url, paper, decision) {
  await page.goto(`${url}/papers/${paper}/assess`);
  const form = page.locator(`form[action="/papers/${paper}/assess"]`);
  for (const score of await form.locator('input[type=number], select[name^="score"]').all()) {
    if (await score.evaluate((e) => e.tagName === 'SELECT')) await score.selectOption({ index: 1 });
    else await score.fill('4');
  }
  await form.getByLabel(decision === 'accepted' ? labels.accepted : labels.revisions).check();
  const feedback = form.getByLabel(labels.feedback);
  if (await feedback.count()) await feedback.fill(decision === 'accepted' ? 'Accepted: well argued.' : 'Please sharpen the method section.');
  const [res] = await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: labels.decide }).last().click()]);
  expect(res.status() === 200, `assessing (${decision}) answered ${res.status()}`);
}

// Signs in and reads crm in English (the demo participant reads Arabic), so
// the label patterns above match.
async function signIn(page, url, account) {
  await logIn(page, url, account);
  await page.goto(`${url}/`);
  await Promise.all([
    page.waitForNavigation(),
    page.locator('form[action="/language"] button[value="en"]').first().click(),
  ]);
}

// The author gives consent on the consent page; returns the public number.
async function publish(page, url, dataDir, paper) {
  await page.goto(`${url}/papers/${paper}/publish`);
  await page.getByLabel(labels.consent).check();
  const res = await submitForm(page, `main form[action="/papers/${paper}/publish"]`);
  expect(res.status() === 200 && pathOf(page) === `/papers/${paper}/publish`, `publishing ended at ${page.url()} (${res.status()})`);
  const work = workNumber(dataDir, paper);
  expect(work, 'publishing left no public work');
  return work;
}

// An anonymous visitor opens the work's page and downloads its file.
async function visit(browser, url, workPath) {
  const visitor = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const page = await visitor.newPage();
    const res = await page.goto(`${url}${workPath}`);
    expect(res.status() === 200, `the public page answered ${res.status()}`);
    expect(await page.locator('h1').innerText() === arabicTitle || await page.getByText(arabicTitle).count(), 'the Arabic title is not on the page');
    expect(!(await page.content()).includes('sharpen the method'), 'the supervisor\'s feedback is public');
    const href = await page.locator(`a[href="${workPath}/file"]`).getAttribute('href');
    const file = await page.request.get(`${url}${href}`);
    expect(file.status() === 200, `the file answered ${file.status()}`);
    expect(Buffer.compare(await file.body(), pdfBytes) === 0, 'the downloaded file differs from the upload');
    for (const suffix of ['.bib', '.ris']) {
      const cite = await page.request.get(`${url}${workPath}${suffix}`);
      expect(cite.status() === 200, `${suffix} answered ${cite.status()}`);
    }
  } finally {
    await visitor.close();
  }
}

export async function paperFromDraftToPublicWork({ url, accounts, browser, page, dataDir }) {
  const { paper } = startedPaper(dataDir, { arabicTitle, englishTitle });

  await signIn(page, url, accounts.participant);
  await uploadVersion(page, url, paper, 'draft', 'draft.pdf');
  await logOut(page);

  await signIn(page, url, accounts.lecturer);
  await assess(page, url, paper, 'revisions');
  await logOut(page);

  await signIn(page, url, accounts.participant);
  await uploadVersion(page, url, paper, 'final', 'final.pdf');
  await logOut(page);

  await signIn(page, url, accounts.lecturer);
  await assess(page, url, paper, 'accepted');
  await logOut(page);

  await signIn(page, url, accounts.participant);
  const work = await publish(page, url, dataDir, paper);
  await logOut(page);

  // Signed out, the knowledge base finds it by an Arabic word (after the
  // index has followed the change log).
  const visitor = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  let found = '';
  try {
    const p = await visitor.newPage();
    for (let i = 0; i < 50 && !found; i++) {
      await p.goto(`${url}/knowledge?q=${encodeURIComponent(arabicQuery)}`);
      const link = p.locator(`main a[href="/knowledge/works/${work}"]`);
      if (await link.count()) found = await link.first().getAttribute('href');
      else await p.waitForTimeout(200);
    }
  } finally {
    await visitor.close();
  }
  expect(found, `no result for ${arabicQuery} links to /knowledge/works/${work}`);
  await visit(browser, url, found);
}
paperFromDraftToPublicWork.timeoutMs = 180000;

// The end of the journey alone, from a paper already accepted: runs wherever
// the papers and search pages are not there yet. Withdrawing takes the page
// and its file off the site at once.
export async function acceptedPaperIsPublishedAndWithdrawn({ url, accounts, browser, page, dataDir }) {
  const paper = acceptedPaper(dataDir);
  await signIn(page, url, accounts.participant);
  const work = await publish(page, url, dataDir, paper);
  const workPath = `/knowledge/works/${work}`;
  const visitor = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await visitor.newPage();
    expect((await p.goto(`${url}${workPath}`)).status() === 200, 'the public page is not there');
    const file = await p.request.get(`${url}${workPath}/file`);
    expect(Buffer.compare(await file.body(), pdfBytes) === 0, 'the downloaded file differs from the accepted version');
    await page.goto(`${url}/papers/${paper}/publish`);
    await submitForm(page, `main form[action="/papers/${paper}/withdraw"]`);
    expect((await p.goto(`${url}${workPath}`)).status() === 404, 'the withdrawn work is still public');
    expect((await p.request.get(`${url}${workPath}/file`)).status() === 404, 'the withdrawn file is still public');
  } finally {
    await visitor.close();
  }
}
