// The whole way from applicant to participant (issue 13): an applicant signs
// up and applies on a 360 px phone in Arabic through the call page's own
// apply button, uploading a PDF; the call closes; staff invite two
// reviewers and assign the applications in the UI; a reviewer scores blind
// (the applicant's name, address and organisation are not on the page); the
// second review is written with sqlite3; staff decide as the shortlist
// stands and send the decisions; the applicant confirms the place; staff see
// them among the cohort's participants.
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openCall } from './applying.mjs';
import {
  assertAccessible, browserDir, expect, findLink, logIn, pathOf, submitForm, uniqueEmail, waitForMail,
} from './lib.mjs';

const outDir = join(browserDir, 'out');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

function sql(dataDir, statement) {
  return execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000', join(dataDir, 'crm.db'), statement],
    { encoding: 'utf8' }).trim();
}

async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow <= 0, `${what}: the page is ${overflow} px wider than the screen`);
}

export async function fromApplicantToParticipant({ url, browser, accounts, dataDir, mailDir }) {
  await mkdir(outDir, { recursive: true });
  // An open call with a rubric of two criteria and one place.
  const call = openCall(dataDir, 93);
  sql(dataDir, `UPDATE call SET places = 1 WHERE id = ${call}`);
  for (const [position, weight, label] of [[1, 2, 'Motivation'], [2, 1, 'Experience']]) {
    const criterion = sql(dataDir, `INSERT INTO call_criterion (call_id, position, weight) VALUES (${call}, ${position}, ${weight}) RETURNING id`);
    sql(dataDir, `INSERT INTO call_criterion_text (criterion_id, language, label) VALUES (${criterion}, 'en', '${label}')`);
  }
  const cohort = sql(dataDir, `SELECT cohort_id FROM call WHERE id = ${call}`);
  const name = 'ليلى منصور';
  const organisation = 'وزارة التشغيل والإدماج';
  const email = uniqueEmail('journey');

  // 1. Applying on a phone in Arabic.
  const phone = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'ar' });
  phone.setDefaultTimeout(15000);
  const p = await phone.newPage();
  let application;
  try {
    await p.goto(`${url}/apply/signup?call=${call}`);
    await p.fill('#f-email', email);
    await p.selectOption('#f-language', 'ar');
    await sleep(3500); // a person takes a moment; a bot that sends at once is ignored
    await submitForm(p, 'main form');
    const signup = await waitForMail(mailDir, (m) => (m.headers.to ?? '').includes(email));
    await p.goto(findLink(signup, /\/apply\/confirm\//));
    await p.fill('#f-name', name);
    await p.fill('#f-password', 'correct horse battery');
    await p.fill('#f-password_again', 'correct horse battery');
    await submitForm(p, 'main form');
    // Back on the call's page: its own apply button.
    expect(pathOf(p) === `/calls/${call}`, `the sign-up led to ${pathOf(p)}`);
    await submitForm(p, `form[action="/calls/${call}/apply"]`);
    const base = pathOf(p).replace(/\/page\/1$/, '');
    expect(/^\/applications\/\d+$/.test(base), `applying led to ${pathOf(p)}`);
    application = base.split('/').pop();
    await p.fill('#f-name', name);
    await p.fill('#f-birth_year', '1987');
    await p.selectOption('#f-gender', 'female');
    await p.selectOption('#f-nationality', 'MA');
    await p.selectOption('#f-country', 'MA');
    await submitForm(p, 'main form', 'button[type=submit]:not([value])');
    await p.fill('#f-organisation_name', organisation);
    await p.selectOption('#f-organisation_type', 'ministry');
    await p.selectOption('#f-organisation_country', 'MA');
    await p.fill('#f-position', 'مستشارة');
    await p.check('#f-route_role-origin');
    await submitForm(p, 'main form', 'button[type=submit]:not([value])');
    await p.fill('#f-motivation', 'أعمل مع العائدين وأريد أن أتعلم المزيد.');
    await p.fill('#f-experience', 'ست سنوات من الإرشاد.');
    await p.fill('#f-languages', 'العربية، الفرنسية');
    await submitForm(p, 'main form', 'button[type=submit]:not([value])');
    await p.setInputFiles('#f-file_cv', { name: 'cv.pdf', mimeType: 'application/pdf', buffer: pdf });
    await Promise.all([p.waitForNavigation(), p.click('form[enctype="multipart/form-data"] button[type=submit]')]);
    expect(await p.locator(`a[href="${base}/documents/cv"]`).count() === 1, 'the uploaded CV is not listed');
    await submitForm(p, `form[action="${base}/page/4"]`, 'button[type=submit]:not([value])');
    await submitForm(p, `form[action="${base}/submit"]`);
    expect(pathOf(p) === base, `sending led to ${pathOf(p)}`);
    expect(sql(dataDir, `SELECT status FROM application WHERE id = ${application}`) === 'submitted', 'not sent');
  } finally {
    await phone.close();
  }

  // 2. The call closes.
  const now = Math.floor(Date.now() / 1000);
  sql(dataDir, `UPDATE call SET closes_at = ${now - 60}, status = 'closed' WHERE id = ${call}`);

  // 3. Staff invite two reviewers and assign evenly.
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  desk.setDefaultTimeout(15000);
  const s = await desk.newPage();
  try {
    await logIn(s, url, accounts.staff);
    for (const [who, org, country] of [[accounts.lecturer.email, 'University of Krems', 'AT'], [accounts.stakeholder.email, 'Steering Committee', 'DE']]) {
      await s.goto(`${url}/calls/${call}/reviewers`);
      await s.fill('#f-email', who);
      await s.fill('#f-organisation', org);
      await s.selectOption('#f-country', country);
      await submitForm(s, `form[action="/calls/${call}/reviewers"]`);
    }
    await s.goto(`${url}/calls/${call}/reviewers`);
    await submitForm(s, `form[action="/calls/${call}/assign"]:has(input[value="even"])`);
    const assigned = Number(sql(dataDir, `SELECT COUNT(*) FROM review_assignment WHERE application_id = ${application}`));
    expect(assigned === 2, `${assigned} reviewers assigned`);
  } finally {
    await desk.close();
  }

  // 4. The lecturer scores blind.
  const lecturerCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  lecturerCtx.setDefaultTimeout(15000);
  const l = await lecturerCtx.newPage();
  try {
    await logIn(l, url, accounts.lecturer);
    const review = sql(dataDir, `SELECT ra.id FROM review_assignment ra JOIN account a ON a.id = ra.account_id WHERE ra.application_id = ${application} AND a.email = '${accounts.lecturer.email}'`);
    await l.goto(`${url}/reviews/${review}`);
    const html = await l.content();
    for (const secret of [name, email, organisation])
      expect(!html.includes(secret), `the blind review shows ${secret}`);
    for (const radio of await l.locator('input[type=radio][value="5"]').all()) await radio.check();
    await submitForm(l, `form[action="/reviews/${review}"]`);
    const done = sql(dataDir, `SELECT submitted_at IS NOT NULL FROM review_assignment WHERE id = ${review}`);
    expect(done === '1', 'the review was not submitted');
  } finally {
    await lecturerCtx.close();
  }
  // The second review, written with sqlite3.
  const second = sql(dataDir, `SELECT ra.id FROM review_assignment ra JOIN account a ON a.id = ra.account_id WHERE ra.application_id = ${application} AND a.email = '${accounts.stakeholder.email}'`);
  sql(dataDir, `INSERT INTO review_score (assignment_id, criterion_id, score) SELECT ${second}, id, 4 FROM call_criterion WHERE call_id = ${call}`);
  sql(dataDir, `UPDATE review_assignment SET submitted_at = ${now} WHERE id = ${second}`);

  // 5. Staff accept as the shortlist stands and send.
  const staffCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  staffCtx.setDefaultTimeout(15000);
  const st = await staffCtx.newPage();
  try {
    await logIn(st, url, accounts.staff);
    await st.goto(`${url}/calls/${call}/decisions`);
    await submitForm(st, 'form:has(input[name="mode"][value="all"])');
    expect(sql(dataDir, `SELECT decision FROM application WHERE id = ${application}`) === 'accepted', 'not accepted');
    await st.check('#f-confirm');
    await submitForm(st, `form[action="/calls/${call}/decisions/send"]`);
    expect(sql(dataDir, `SELECT decided_at IS NOT NULL FROM application WHERE id = ${application}`) === '1', 'not sent');
    const accepted = await waitForMail(mailDir, (m) => (m.headers.to ?? '').includes(email) && (m.text ?? '').includes(`/applications/${application}`) && (m.text ?? '').includes('مقعد'));
    expect(accepted, 'no acceptance in Arabic');

    // 6. The applicant confirms from the mail's link, on the phone.
    const again = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'ar' });
    again.setDefaultTimeout(15000);
    const a = await again.newPage();
    try {
      await a.goto(`${url}/login`);
      await a.fill('#f-email', email);
      await a.fill('#f-password', 'correct horse battery');
      await submitForm(a, 'main form');
      await a.goto(findLink(accepted, /\/applications\/\d+/));
      await noSidewaysScroll(a, 'the accepted application');
      await assertAccessible(a);
      await a.screenshot({ path: join(outDir, 'journey-ar-360-accepted.png'), fullPage: true });
      await submitForm(a, `form[action="/applications/${application}/confirm"]:has(input[value="accept"])`);
      expect(sql(dataDir, `SELECT confirmed_at IS NOT NULL FROM application WHERE id = ${application}`) === '1', 'not confirmed');
      const role = sql(dataDir, `SELECT role FROM account WHERE email = '${email}'`);
      expect(role === 'participant', `the account is ${role}`);
    } finally {
      await again.close();
    }

    // 7. Staff see them among the cohort's participants.
    await st.goto(`${url}/cohorts/${cohort}`);
    expect((await st.content()).includes(name), 'the new participant is not in the cohort');
    const history = sql(dataDir, `SELECT GROUP_CONCAT(h.status, ',') FROM (SELECT h.status FROM enrolment_status_history h JOIN enrolment e ON e.id = h.enrolment_id JOIN person p ON p.id = e.person_id WHERE e.cohort_id = ${cohort} AND p.email = '${email}' ORDER BY h.at, h.id) h`);
    expect(history === 'applicant,admitted,participant', `the enrolment's history is ${history}`);
  } finally {
    await staffCtx.close();
  }
}
fromApplicantToParticipant.timeoutMs = 240000;
