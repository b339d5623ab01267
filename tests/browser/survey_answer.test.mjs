// A participant answers the three-month follow-up through the personal link
// on a 360 px phone in Arabic without JavaScript: right to left, nothing wider
// than the screen, each page saved, the anonymity stated before the first
// question; and the same pages at 1280 px in German. Screenshots go to
// tests/browser/out/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { browserDir, expect, logIn, pathOf, submitForm } from './lib.mjs';
import { followUpRound, surveyLink } from './surveys.mjs';

const outDir = join(browserDir, 'out');

async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow <= 0, `${what}: the page is ${overflow} px wider than the screen`);
}

// Every visible label of a radio or checkbox sits on the inline-start side's
// other end: in Arabic the box is on the right and its label to its left.
async function labelsRightToLeft(page, what) {
  const wrong = await page.evaluate(() => [...document.querySelectorAll('form.survey .field.check')].filter((f) => {
    const box = f.querySelector('input').getBoundingClientRect();
    const label = f.querySelector('label').getBoundingClientRect();
    return getComputedStyle(f).direction !== 'rtl' || box.left < label.left;
  }).length);
  expect(wrong === 0, `${what}: ${wrong} choices are not laid out right to left`);
}

export async function aParticipantAnswersTheFollowUpOnAPhoneInArabic({ url, browser, dataDir }) {
  const link = surveyLink(dataDir, followUpRound(dataDir));
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false, locale: 'ar' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  try {
    await mkdir(outDir, { recursive: true });
    const start = await page.goto(`${url}${link}`);
    expect(start.status() === 200, `the link answered ${start.status()}`);
    expect(await page.getAttribute('html', 'dir') === 'rtl', 'the start page is not right to left');
    expect(await page.getAttribute('html', 'lang') === 'ar', 'the start page is not in Arabic');
    expect(await page.locator('#anonymity').isVisible(), 'the anonymity statement is missing');
    await noSidewaysScroll(page, 'start');
    await page.screenshot({ path: join(outDir, 'survey-ar-360-start.png'), fullPage: true });

    await page.click('main a.button.primary');
    expect(pathOf(page) === `${link}/page/1`, `start led to ${pathOf(page)}`);
    // Sent without an answer: the message beside the question, nothing saved.
    let res = await submitForm(page, 'form.survey', 'button[value="next"]');
    expect(res.status() === 422, `an empty required answer answered ${res.status()}`);
    expect(await page.locator('.error-summary a[href="#f-q.using_skills"]').count() === 1, 'the error summary does not link to the question');
    await noSidewaysScroll(page, 'page 1 with an error');
    await page.screenshot({ path: join(outDir, 'survey-ar-360-error.png'), fullPage: true });

    await page.check('input[name="q.using_skills"][value="regularly"]');
    await labelsRightToLeft(page, 'page 1');
    res = await submitForm(page, 'form.survey', 'button[value="next"]');
    expect(pathOf(page) === `${link}/page/2`, `page 1 led to ${pathOf(page)}`);
    expect(await page.locator('input[name="q.areas"]').count() === 4, 'the "where" question is not shown');
    expect(await page.locator('[name="q.barriers"]').count() === 0, 'the "what keeps you" question is shown');
    await page.check('input[name="q.areas"][value="cases"]');
    await page.check('input[name="q.areas"][value="training"]');
    await page.fill('textarea[name="q.example"]', 'درّبت زملائي على إدارة الحالات الفردية.');
    await labelsRightToLeft(page, 'page 2');
    await noSidewaysScroll(page, 'page 2');
    await page.screenshot({ path: join(outDir, 'survey-ar-360-page2.png'), fullPage: true });

    // The connection drops: a new browser with the same link goes on at page 2 with the answers of page 1.
    const again = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false, locale: 'ar' });
    try {
      const p2 = await again.newPage();
      await p2.goto(`${url}${link}`);
      expect(pathOf(p2) === `${link}/page/2`, `coming back led to ${pathOf(p2)}`);
      await p2.goto(`${url}${link}/page/1`);
      expect(await p2.isChecked('input[name="q.using_skills"][value="regularly"]'), 'the saved answer is not shown');
    } finally {
      await again.close();
    }

    res = await submitForm(page, 'form.survey', 'button[value="submit"]');
    expect(pathOf(page) === `${link}/done`, `submitting led to ${pathOf(page)}`);
    expect(res.status() === 200, `the thank-you page answered ${res.status()}`);
    await noSidewaysScroll(page, 'thanks');
    await page.screenshot({ path: join(outDir, 'survey-ar-360-thanks.png'), fullPage: true });
    // The link cannot be used again.
    const used = await page.goto(`${url}${link}/page/1`);
    expect(used.status() === 409, `a used link answered ${used.status()}`);
  } finally {
    await context.close();
  }
}
aParticipantAnswersTheFollowUpOnAPhoneInArabic.timeoutMs = 120000;

export async function theSamePagesInGermanOnAWideScreen({ url, accounts, browser, dataDir }) {
  const link = surveyLink(dataDir, followUpRound(dataDir), 'alumnus@demo.crm.example');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  try {
    await page.goto(`${url}${link}`);
    // The alumnus reads English; the language picked in this browser comes first.
    await submitForm(page, 'header form.languages', 'button[value="de"]');
    expect(await page.getAttribute('html', 'lang') === 'de', 'the page did not turn to German');
    await page.screenshot({ path: join(outDir, 'survey-de-1280-start.png'), fullPage: true });
    await page.click('main a.button.primary');
    await page.check('input[name="q.using_skills"][value="no"]');
    await submitForm(page, 'form.survey', 'button[value="next"]');
    expect(await page.locator('[name="q.barriers"]').count() === 1, 'the "what keeps you" question is missing');
    await page.screenshot({ path: join(outDir, 'survey-de-1280-page2.png'), fullPage: true });
    // Signed in, "my surveys" lists the participant's open follow-up.
    await logIn(page, url, accounts.participant);
    await page.goto(`${url}/my/surveys`);
    expect(await page.locator('main a[href^="/my/surveys/"]').count() >= 1, 'my surveys lists nothing');
    await page.screenshot({ path: join(outDir, 'survey-de-1280-my.png'), fullPage: true });
  } finally {
    await context.close();
  }
}
theSamePagesInGermanOnAWideScreen.timeoutMs = 120000;
