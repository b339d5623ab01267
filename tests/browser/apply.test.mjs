// An applicant applies on a 360 px phone in Arabic: signs up (the address
// confirmed through the mail), fills the form page by page, uploads a PDF as
// CV and sends the application; the confirmation mail carries a copy. The
// same form at 1280 px in German. Screenshots go to tests/browser/out/.
// The call is written to the test's SQLite database with Debian's sqlite3
// (the calls' own pages are another part's).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openCall, applyTo } from './applying.mjs';
import { browserDir, expect, findLink, pathOf, submitForm, uniqueEmail, waitForMail } from './lib.mjs';

const outDir = join(browserDir, 'out');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow <= 0, `${what}: the page is ${overflow} px wider than the screen`);
}

async function signUpAndApply({ url, browser, dataDir, mailDir }, { width, locale, number, shots }) {
  const call = openCall(dataDir, number);
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  try {
    await mkdir(outDir, { recursive: true });
    const email = uniqueEmail('applicant');
    let res = await page.goto(`${url}/apply/signup?call=${call}`);
    expect(res.status() === 200, `the sign-up answered ${res.status()}`);
    expect(await page.getAttribute('html', 'lang') === locale, 'the sign-up is not in the browser\'s language');
    await noSidewaysScroll(page, 'sign-up');
    await page.screenshot({ path: join(outDir, `apply-${shots}-signup.png`), fullPage: true });
    await page.fill('#f-email', email);
    await page.selectOption('#f-language', locale);
    await sleep(3500); // a person takes a moment; a bot that sends at once is ignored
    res = await submitForm(page, 'main form');
    expect(res.status() === 200, `signing up answered ${res.status()}`);
    const mail = await waitForMail(mailDir, (m) => (m.headers.to ?? '').includes(email));
    await page.goto(findLink(mail, /\/apply\/confirm\//));
    await page.fill('#f-name', locale === 'ar' ? 'ليلى منصور' : 'Lena Vogel');
    await page.fill('#f-password', 'correct horse battery');
    await page.fill('#f-password_again', 'correct horse battery');
    await submitForm(page, 'main form');
    await page.goto(`${url}/applications`);
    await applyTo(page, call);
    const base = pathOf(page).replace(/\/page\/1$/, '');
    expect(/^\/applications\/\d+$/.test(base), `applying led to ${pathOf(page)}`);
    expect(await page.getAttribute('html', 'dir') === (locale === 'ar' ? 'rtl' : 'ltr'), 'wrong direction');

    // Page 1 with a mistake: the message beside the field, then right.
    await page.fill('#f-name', locale === 'ar' ? 'ليلى منصور' : 'Lena Vogel');
    await page.fill('#f-birth_year', '19');
    await page.selectOption('#f-gender', 'female');
    await page.selectOption('#f-nationality', 'MA');
    await page.selectOption('#f-country', 'MA');
    res = await submitForm(page, 'main form', 'button[type=submit]:not([value])');
    expect(res.status() === 422, `a bad year answered ${res.status()}`);
    expect(await page.locator('#f-birth_year-error').count() === 1, 'no message beside the year');
    await noSidewaysScroll(page, 'page 1 with an error');
    await page.screenshot({ path: join(outDir, `apply-${shots}-error.png`), fullPage: true });
    await page.fill('#f-birth_year', '1987');
    await submitForm(page, 'main form', 'button[type=submit]:not([value])');
    expect(pathOf(page) === `${base}/page/2`, `page 1 led to ${pathOf(page)}`);

    await page.fill('#f-organisation_name', locale === 'ar' ? 'وزارة التشغيل' : 'Ministerium für Arbeit');
    await page.selectOption('#f-organisation_type', 'ministry');
    await page.selectOption('#f-organisation_country', 'MA');
    await page.fill('#f-position', locale === 'ar' ? 'مستشارة' : 'Beraterin');
    await page.check('#f-route_role-origin');
    await noSidewaysScroll(page, 'page 2');
    await page.screenshot({ path: join(outDir, `apply-${shots}-page2.png`), fullPage: true });
    await submitForm(page, 'main form', 'button[type=submit]:not([value])');
    expect(pathOf(page) === `${base}/page/3`, `page 2 led to ${pathOf(page)}`);

    await page.fill('#f-motivation', locale === 'ar' ? 'أعمل مع العائدين وأريد أن أتعلم المزيد.' : 'Ich berate Rückkehrende.');
    await page.fill('#f-experience', locale === 'ar' ? 'ست سنوات من الإرشاد.' : 'Sechs Jahre Beratung.');
    await page.fill('#f-languages', locale === 'ar' ? 'العربية، الفرنسية' : 'Deutsch, Arabisch');
    await submitForm(page, 'main form', 'button[type=submit]:not([value])');
    expect(pathOf(page) === `${base}/page/4`, `page 3 led to ${pathOf(page)}`);

    await page.setInputFiles('#f-file_cv', { name: 'cv.pdf', mimeType: 'application/pdf', buffer: pdf });
    await Promise.all([page.waitForNavigation(), page.click('form[enctype="multipart/form-data"] button[type=submit]')]);
    expect(pathOf(page) === `${base}/page/4`, `the upload led to ${pathOf(page)}`);
    expect(await page.locator(`a[href="${base}/documents/cv"]`).count() === 1, 'the uploaded CV is not listed');
    await noSidewaysScroll(page, 'documents');
    await page.screenshot({ path: join(outDir, `apply-${shots}-documents.png`), fullPage: true });
    await submitForm(page, `form[action="${base}/page/4"]`, 'button[type=submit]:not([value])');
    expect(pathOf(page) === `${base}/page/5`, `page 4 led to ${pathOf(page)}`);
    await noSidewaysScroll(page, 'review');
    await page.screenshot({ path: join(outDir, `apply-${shots}-review.png`), fullPage: true });
    await submitForm(page, `form[action="${base}/submit"]`);
    expect(pathOf(page) === base, `sending led to ${pathOf(page)}`);
    await page.screenshot({ path: join(outDir, `apply-${shots}-sent.png`), fullPage: true });
    const copy = await waitForMail(mailDir, (m) => (m.headers.to ?? '').includes(email) && /cv\.pdf/.test(m.text ?? ''));
    expect(copy, 'no confirmation mail with a copy');
  } finally {
    await context.close();
  }
}

export async function anApplicantAppliesOnAPhoneInArabic(ctx) {
  await signUpAndApply(ctx, { width: 360, locale: 'ar', number: 91, shots: 'ar-360' });
}

export async function anApplicantAppliesOnADesktopInGerman(ctx) {
  await signUpAndApply(ctx, { width: 1280, locale: 'de', number: 92, shots: 'de-1280' });
}
