// Accessibility and weight of every page: axe-core finds no serious or critical
// violation at 360 px (a small phone) and at 1280 px, and each page — document,
// CSS, JS and whatever else it loads, as transferred with gzip accepted — weighs
// less than 50 KB. Prints the figures.
import { execFileSync } from 'node:child_process';
import { invite } from './flows.mjs';
import { expect, logIn, runAxe, submitForm, uniqueEmail } from './lib.mjs';
import { lecturerSession } from './curriculum.mjs';
import { acceptedPaper, publishedResource, workNumber } from './publishing.mjs';
import { formWithProblems } from './xlsform.mjs';
import { demoSurveyResults } from './surveys.mjs';
import { surveyRound } from './survey_rounds.mjs';
import { blindApplicants, seedReviews } from './reviews.mjs';
import { applyTo, openCall, reachEveryPage } from './applying.mjs';
import { rankingCall } from './ranking.mjs';
import { decidedCall } from './decisions.mjs';

const widths = [{ width: 360, height: 740 }, { width: 1280, height: 800 }];
const budget = 50 * 1024;

// Loads a page with the browser cache off and adds up what came over the wire.
async function measure(page, load) {
  const responses = [];
  const onResponse = (r) => responses.push(r);
  page.on('response', onResponse);
  let res;
  try {
    res = await load();
    await page.waitForLoadState('load');
  } finally {
    page.off('response', onResponse);
  }
  const byKind = {};
  let transferred = 0;
  let decoded = 0;
  for (const r of responses) {
    const { responseBodySize } = await r.request().sizes(); // as received: gzip-encoded if it was
    const type = r.headers()['content-type'] ?? '';
    const kind = r.request().resourceType() === 'document' ? 'html'
      : /css/.test(type) ? 'css' : /javascript/.test(type) ? 'js' : 'other';
    byKind[kind] = (byKind[kind] ?? 0) + responseBodySize;
    transferred += responseBodySize;
    decoded += await r.body().then((b) => b.length, () => 0); // redirects have no body
    if (kind === 'css' || kind === 'js') {
      const accepts = (await r.request().allHeaders())['accept-encoding'] ?? '';
      expect(/gzip/.test(accepts), `the browser did not accept gzip for ${r.url()}`);
      expect(r.headers()['content-encoding'] === 'gzip', `${r.url()} was not sent gzip-compressed`);
    }
  }
  return { res, byKind, transferred, decoded };
}

async function coldCache(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
}

// Visits each {name, status, prepare, load} at every width; adds what is wrong to `problems`.
async function checkPages(page, url, pages, problems) {
  for (const spec of pages) {
    for (const [i, size] of widths.entries()) {
      await page.setViewportSize(size);
      if (spec.prepare) await spec.prepare(page, url); // not counted: only the page under test is
      const m = await measure(page, () => spec.load(page, url));
      const status = m.res?.status();
      if (status !== (spec.status ?? 200)) {
        problems.push(`${spec.name}: answered ${status} at ${page.url()}, expected ${spec.status ?? 200}`);
        continue;
      }
      if (i === 0) {
        const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
        const parts = Object.entries(m.byKind).map(([k, n]) => `${k} ${kb(n)}`).join(', ');
        console.log(`#   ${spec.name.padEnd(26)} ${kb(m.transferred).padStart(8)} transferred (${parts}); ${kb(m.decoded)} decoded`);
        if (m.transferred >= budget) problems.push(`${spec.name}: ${kb(m.transferred)} transferred, the budget is 50 KB`);
      }
      for (const v of await runAxe(page)) {
        problems.push(`${spec.name} at ${size.width} px: ${v.impact} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`);
      }
      // Nothing may need sideways scrolling on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) problems.push(`${spec.name} at ${size.width} px: the page is ${overflow} px wider than the screen`);
    }
  }
}

const get = (path) => (page, url) => page.goto(`${url}${path}`);

// The demo participant's person page (ids differ between databases): found on
// the cohort page, then loaded as the page under test.
let lailaPath = '';
const findLaila = async (p, u) => {
  if (lailaPath) return;
  await p.goto(`${u}/cohorts/3?country=LB`);
  lailaPath = await p.locator('a[href^="/people/"]:has-text("ليلى")').first().getAttribute('href');
};
let organisationPath = '';
const findOrganisation = async (p, u) => {
  await findLaila(p, u);
  if (organisationPath) return;
  await p.goto(`${u}${lailaPath}`);
  organisationPath = await p.locator('[data-field="organisation"] a').first().getAttribute('href');
};

export async function everyPageIsAccessibleAndSmall({ url, accounts, browser, context, page, mailDir }) {
  const problems = [];
  await coldCache(context, page);

  // Signed out.
  await checkPages(page, url, [
    { name: '/ (signed out)', load: get('/') },
    { name: '/login', load: get('/login') },
    {
      name: '/login (wrong password)', status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}/login`);
        await p.fill('#f-email', 'nobody@example.org');
        await p.fill('#f-password', 'not a password');
      },
      load: (p) => submitForm(p, 'form[action="/login"]'),
    },
    {
      // Five failures for one address: the next attempt must wait, and the page says how long.
      name: '/login (too many attempts)', status: 429,
      prepare: async (p, u) => {
        for (let i = 0; i < 5; i++) {
          await p.goto(`${u}/login`);
          await p.fill('#f-email', 'slow@example.org');
          await p.fill('#f-password', `guess ${i}`);
          await submitForm(p, 'form[action="/login"]');
        }
        await p.goto(`${u}/login`);
        await p.fill('#f-email', 'slow@example.org');
        await p.fill('#f-password', 'one more guess');
      },
      load: (p) => submitForm(p, 'form[action="/login"]'),
    },
    { name: '/password/forgot', load: get('/password/forgot') },
    { name: '/programme (signed out)', load: get('/programme') },
    { name: '404 (signed out)', status: 404, load: get('/no/such/page') },
  ], problems);

  // Staff, with one invitation sent, so /invitations has its table.
  await logIn(page, url, accounts.staff);
  await invite(page, mailDir, { name: 'Table Row', email: uniqueEmail('a11y'), role: 'participant', language: 'en' });
  await checkPages(page, url, [
    { name: '/ (staff dashboard)', load: get('/') },
    { name: '/account', load: get('/account') },
    { name: '/invitations', load: get('/invitations') },
    { name: '/programme', load: get('/programme') },
    { name: '/erasure-requests', load: get('/erasure-requests') },
    // The demo's cohorts are 1 to 4 in a fresh database; cohort 4 has two pages.
    { name: '/cohorts/4 (staff)', load: get('/cohorts/4') },
    { name: '/cohorts/4 (filtered, page 2)', load: get('/cohorts/4?status=participant&page=2') },
    {
      name: '/invitations (field error)', status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}/invitations`);
        await p.fill('#f-name', 'Someone Already Here');
        await p.fill('#f-email', accounts.participant.email);
      },
      load: (p) => submitForm(p, 'form[action="/invitations"]'),
    },
    { name: '/people/{id} (staff)', prepare: findLaila, load: (p, u) => p.goto(`${u}${lailaPath}`) },
    {
      // A final status is confirmed on a page of its own.
      name: '/enrolments/{id}/status (confirm withdrawn)',
      prepare: async (p, u) => {
        await findLaila(p, u);
        await p.goto(`${u}${lailaPath}`);
        await p.locator('form[action^="/enrolments/"] select').first().selectOption('withdrawn');
      },
      load: (p) => submitForm(p, 'form[action^="/enrolments/"]'),
    },
    { name: '/organisations', load: get('/organisations') },
    { name: '/organisations/{id}', prepare: findOrganisation, load: (p, u) => p.goto(`${u}${organisationPath}`) },
    { name: '/cohorts/4/import', load: get('/cohorts/4/import') },
    {
      // A preview with problems and updates: every table it has.
      name: '/imports/{id} (preview)',
      prepare: async (p, u) => {
        await p.goto(`${u}/cohorts/4/import`);
        await p.setInputFiles('#f-file', {
          name: 'a11y.csv', mimeType: 'text/csv',
          buffer: Buffer.from(`email,name,country,notes\n${accounts.staff.email},Jonas Weber,DE,x\n,No Email,XX,y\n`),
        });
      },
      load: (p) => submitForm(p, 'form[data-upload]'),
    },
    { name: '404 (signed in)', status: 404, load: get('/no/such/page') },
  ], problems);

  // A participant has no second factor yet: the enrolment page.
  const other = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    const p = await other.newPage();
    await coldCache(other, p);
    await logIn(p, url, accounts.participant);
    await checkPages(p, url, [
      { name: '/ (participant dashboard)', load: get('/') },
      { name: '/account/2fa', load: get('/account/2fa') },
      { name: '/cohorts/3 (participant, Arabic)', load: get('/cohorts/3') },
      { name: '/profile (participant, Arabic)', load: get('/profile') },
      { name: '/people/{id} (own, Arabic)', prepare: findLaila, load: (p, u) => p.goto(`${u}${lailaPath}`) },
      { name: '/profile/data (participant)', load: get('/profile/data') },
      { name: '/profile/consents', load: get('/profile/consents') },
      { name: '/profile/erasure', load: get('/profile/erasure') },
      {
        name: '/profile/erasure (box not ticked: error summary)', status: 422,
        prepare: get('/profile/erasure'),
        load: (p) => submitForm(p, 'form[action="/profile/erasure"]'),
      },
    ], problems);
  } finally {
    await other.close();
  }

  // The audit log, as an admin: a wide table.
  const admin = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    const p = await admin.newPage();
    await coldCache(admin, p);
    await logIn(p, url, accounts.admin);
    await checkPages(p, url, [
      { name: '/admin/audit', load: get('/admin/audit') },
      // The demo has done and failed jobs: the table, the filter, the retry buttons.
      { name: '/admin/jobs', load: get('/admin/jobs') },
      { name: '/admin/jobs?state=failed', load: get('/admin/jobs?state=failed') },
      {
        // A commit that runs as a job: its page shows the progress (the job
        // may also have ended by the time it loads; then the result).
        name: '/imports/{id} (importing)',
        prepare: async (pg, u) => {
          await pg.goto(`${u}/cohorts/4/import`);
          const rows = Array.from({ length: 2000 }, (_, i) => `a11y.${i}@import.example,A11y ${i},DE`);
          await pg.setInputFiles('#f-file', {
            name: 'a11y-progress.csv', mimeType: 'text/csv', buffer: Buffer.from(['email,name,country', ...rows].join('\n')),
          });
          await submitForm(pg, 'form[data-upload]');
        },
        load: (pg) => submitForm(pg, 'form[action$="/commit"]'),
      },
    ], problems);
  } finally {
    await admin.close();
  }

  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// The parity view, the targets form (and its error) and an Arabic parity page
// with mirrored charts: a test of their own, so each stays within its time.
export async function parityPagesAreAccessibleAndSmall({ url, accounts, browser, context, page }) {
  const problems = [];
  await coldCache(context, page);
  await logIn(page, url, accounts.staff);
  await checkPages(page, url, [
    { name: '/cohorts/3/parity', load: get('/cohorts/3/parity') },
    { name: '/cohorts/3/targets', load: get('/cohorts/3/targets') },
    {
      name: '/cohorts/3/targets (error)', status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}/cohorts/3/targets`);
        await p.fill('#f-route_role_origin', '90');
      },
      load: (p) => submitForm(p, 'form[action="/cohorts/3/targets"]'),
    },
  ], problems);

  const admin = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await admin.newPage();
    await coldCache(admin, p);
    await logIn(p, url, accounts.admin);
    await p.goto(`${url}/`);
    await submitForm(p, 'form[action="/language"]', 'button[value="ar"]');
    await checkPages(p, url, [{ name: '/cohorts/3/parity (Arabic)', load: get('/cohorts/3/parity') }], problems);
  } finally {
    await admin.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// Certificates: a finished cohort's list for staff, and the public
// verification form with the answer for an unknown code, in English and in
// Arabic, signed out.
export async function certificatePagesAreAccessibleAndSmall({ url, accounts, browser, context, page }) {
  const problems = [];
  await coldCache(context, page);
  await checkPages(page, url, [
    { name: '/verify', load: get('/verify') },
    { name: '/verify/{code} (unknown)', status: 404, load: get('/verify/ABCD-EFGH-JKMN-PQRS') },
  ], problems);
  await logIn(page, url, accounts.staff);
  await checkPages(page, url, [
    { name: '/cohorts/1/certificates', load: get('/cohorts/1/certificates') },
  ], problems);
  const visitor = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await visitor.newPage();
    await coldCache(visitor, p);
    await checkPages(p, url, [{ name: '/verify (Arabic)', load: get('/verify') }], problems);
  } finally {
    await visitor.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// A cohort's plan: the curriculum, a module, a session with its materials
// and forms, the module and session forms (and an error), the copy form; and
// the plan in Arabic for a participant.
const firstOf = (selector, key) => async (p, u, s = firstOf.state) => {
  if (s[key]) return;
  await p.goto(`${u}/cohorts/3/curriculum`);
  s[key] = await p.locator(selector).first().getAttribute('href');
};
firstOf.state = {};
export async function curriculumPagesAreAccessibleAndSmall({ url, accounts, browser, context, page }) {
  const problems = [];
  await coldCache(context, page);
  await logIn(page, url, accounts.staff);
  const state = firstOf.state;
  await checkPages(page, url, [
    { name: '/cohorts/3/curriculum', load: get('/cohorts/3/curriculum') },
    {
      name: '/modules/{id}', prepare: firstOf('main a[href^="/modules/"]', 'module'),
      load: (p, u) => p.goto(`${u}${state.module}`),
    },
    {
      name: '/sessions/{id}', prepare: firstOf('main a[href^="/sessions/"]', 'session'),
      load: (p, u) => p.goto(`${u}${state.session}`),
    },
    { name: '/cohorts/3/modules/new', load: get('/cohorts/3/modules/new') },
    { name: '/cohorts/3/sessions/new', load: get('/cohorts/3/sessions/new') },
    {
      name: '/cohorts/3/sessions (error)', status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}/cohorts/3/sessions/new`);
        await p.fill('#f-title', 'Case clinic');
      },
      load: (p) => submitForm(p, 'form[action="/cohorts/3/sessions"]'),
    },
    { name: '/cohorts/3/curriculum/copy', load: get('/cohorts/3/curriculum/copy') },
  ], problems);

  const ar = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await ar.newPage();
    await coldCache(ar, p);
    await logIn(p, url, accounts.participant);
    await checkPages(p, url, [{ name: '/cohorts/3/curriculum (Arabic)', load: get('/cohorts/3/curriculum') }], problems);
  } finally {
    await ar.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// The timetables and the calendar pages (before and after making an address),
// as a participant and as staff.
export async function timetablePagesAreAccessibleAndSmall({ url, accounts, browser, context, page }) {
  const problems = [];
  await coldCache(context, page);
  await logIn(page, url, accounts.participant);
  await checkPages(page, url, [
    { name: '/timetable', load: get('/timetable') },
    { name: '/timetable?past=1', load: get('/timetable?past=1') },
    { name: '/cohorts/3/timetable (participant)', load: get('/cohorts/3/timetable') },
    { name: '/calendar', load: get('/calendar') },
    {
      name: '/calendar (the new address)',
      prepare: (p, u) => p.goto(`${u}/calendar`),
      load: (p) => submitForm(p, 'form[action="/calendar"]'),
    },
  ], problems);
  const staff = await browser.newContext({ locale: 'de', timezoneId: 'UTC' });
  try {
    const p = await staff.newPage();
    await coldCache(staff, p);
    await logIn(p, url, accounts.staff);
    await checkPages(p, url, [
      { name: '/cohorts/3/timetable (staff)', load: get('/cohorts/3/timetable') },
      { name: '/cohorts/3/calendar', load: get('/cohorts/3/calendar') },
    ], problems);
  } finally {
    await staff.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// Programme administration as an admin: the list, the programme form (and its
// errors), the overview with its links, the team and the removal confirmation,
// the new-cohort form (and its errors). The demo programme is number 1.
let removePath = '';
const findRemoval = async (p, u) => {
  if (removePath) return;
  await p.goto(`${u}/programmes/1/team`);
  removePath = await p.locator('table.team a[href*="/team/remove?account="]').first().getAttribute('href');
};

export async function programmeAdministrationIsAccessibleAndSmall({ url, accounts, context, page }) {
  const problems = [];
  await coldCache(context, page);
  await logIn(page, url, accounts.admin);
  await checkPages(page, url, [
    { name: '/programmes (admin)', load: get('/programmes') },
    { name: '/programmes/new', load: get('/programmes/new') },
    {
      name: '/programmes/new (errors)', status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}/programmes/new`);
        await p.fill('#f-slug', 'Not A Slug');
        await p.fill('#f-name_en', 'Name without a description');
        await p.fill('#f-countries_origin', 'XX');
      },
      load: (p) => submitForm(p, 'form[action="/programmes"]'),
    },
    { name: '/programmes/1 (admin)', load: get('/programmes/1') },
    { name: '/programmes/1/edit', load: get('/programmes/1/edit') },
    { name: '/programmes/1/team', load: get('/programmes/1/team') },
    { name: '/programmes/1/team/remove', prepare: findRemoval, load: (p, u) => p.goto(`${u}${removePath}`) },
    { name: '/programmes/1/cohorts/new', load: get('/programmes/1/cohorts/new') },
    {
      name: '/programmes/1/cohorts/new (errors)', status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}/programmes/1/cohorts/new`);
        await p.fill('#f-number', '1');
        await p.fill('#f-starts_on', '2027-03-01');
        await p.fill('#f-ends_on', '2027-01-01');
      },
      load: (p) => submitForm(p, 'form[action="/programmes/1/cohorts"]'),
    },
  ], problems);
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// The same pages in Arabic (right to left), the staff member's list and a
// visitor's list.
export async function programmeAdministrationInArabicIsAccessible({ url, accounts, browser, context, page }) {
  const problems = [];
  await coldCache(context, page);
  await checkPages(page, url, [{ name: '/programmes (signed out)', load: get('/programmes') }], problems);
  await logIn(page, url, accounts.staff);
  await checkPages(page, url, [{ name: '/programmes (staff)', load: get('/programmes') }], problems);

  const arabic = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await arabic.newPage();
    await coldCache(arabic, p);
    await logIn(p, url, accounts.admin);
    await p.goto(`${url}/`);
    await submitForm(p, 'form[action="/language"]', 'button[value="ar"]');
    await checkPages(p, url, [
      { name: '/programmes/new (Arabic)', load: get('/programmes/new') },
      { name: '/programmes/1/team (Arabic)', load: get('/programmes/1/team') },
      { name: '/programmes/1/cohorts/new (Arabic)', load: get('/programmes/1/cohorts/new') },
    ], problems);
  } finally {
    await arabic.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// The walk grows with every capability's pages: give it room on a busy machine.
everyPageIsAccessibleAndSmall.timeoutMs = 300000;

// Attendance, module results and completion: the lecturer's attendance screen
// (and its error beside a name), the participant's own attendance, the
// module's results and the completion list with its rules (and a refused
// share), as staff.
export async function attendancePagesAreAccessibleAndSmall({ url, accounts, browser, context, page, dataDir }) {
  const problems = [];
  const s = lecturerSession(dataDir);
  const attendance = `/sessions/${s.session}/attendance`;
  await coldCache(context, page);
  await logIn(page, url, accounts.lecturer);
  await checkPages(page, url, [
    { name: '/sessions/{id}/attendance', load: get(attendance) },
    {
      name: '/sessions/{id}/attendance (error)', status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}${attendance}`);
        // A status that is none of the choices, as a forged form would send.
        await p.evaluate((id) => { const r = document.querySelector(`#f-status-${id}-present`); r.value = 'late'; r.checked = true; }, s.participant);
      },
      load: (p) => submitForm(p, 'form.attendance'),
    },
  ], problems);
  const staff = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    const p = await staff.newPage();
    await coldCache(staff, p);
    await logIn(p, url, accounts.staff);
    await checkPages(p, url, [
      { name: '/modules/{id}/results', load: get(`/modules/${s.module}/results`) },
      { name: '/cohorts/{id}/completion', load: get(`/cohorts/${s.cohort}/completion`) },
      {
        name: '/cohorts/{id}/completion (error)', status: 422,
        prepare: async (pg, u) => {
          await pg.goto(`${u}/cohorts/${s.cohort}/completion`);
          await pg.fill('#f-min_percent', '120');
        },
        load: (pg) => submitForm(pg, '#rules form'),
      },
    ], problems);
  } finally {
    await staff.close();
  }
  const participant = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await participant.newPage();
    await coldCache(participant, p);
    await logIn(p, url, accounts.participant);
    await checkPages(p, url, [{ name: '/attendance (participant, Arabic)', load: get('/attendance') }], problems);
  } finally {
    await participant.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// Practice projects (the list, a project with its team and progress, the
// form and a refused one) for a participant in Arabic; curated resources
// (the list, one with its file, the form and a refused one) for staff.
const firstLink = (path, selector, key, s) => async (p, u) => {
  if (s[key]) return;
  await p.goto(`${u}${path}`);
  s[key] = await p.locator(selector).first().getAttribute('href');
};
export async function projectAndResourcePagesAreAccessibleAndSmall({ url, accounts, browser, context, page }) {
  const problems = [];
  const state = {};
  await coldCache(context, page);
  await logIn(page, url, accounts.staff);
  await checkPages(page, url, [
    { name: '/resources', load: get('/resources') },
    { name: '/resources/new', load: get('/resources/new') },
    {
      name: '/resources/{id}', prepare: firstLink('/resources', 'main a[href^="/resources/"]:not([href$="new"])', 'resource', state),
      load: (p, u) => p.goto(`${u}${state.resource}`),
    },
    {
      name: '/resources (error)', status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}/resources/new`);
        await p.fill('#f-year', '1800');
      },
      load: (p) => submitForm(p, 'form[action="/resources"]'),
    },
    { name: '/projects (staff)', load: get('/projects') },
    // The XLSForm import: the form, and a file with problems listed back.
    { name: '/surveys/import', load: get('/surveys/import') },
    {
      name: '/surveys/import (problems)', status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}/surveys/import`);
        await p.setInputFiles('#f-file', {
          name: 'form.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: formWithProblems(),
        });
      },
      load: (p) => submitForm(p, 'form[action="/surveys/import"]'),
    },
  ], problems);
  const ar = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await ar.newPage();
    await coldCache(ar, p);
    await logIn(p, url, accounts.participant);
    await checkPages(p, url, [
      { name: '/projects (Arabic)', load: get('/projects') },
      {
        name: '/projects/{id} (Arabic)', prepare: firstLink('/projects', 'main a[href^="/projects/"]:not([href$="new"])', 'project', state),
        load: (pg, u) => pg.goto(`${u}${state.project}`),
      },
      { name: '/projects/new (Arabic)', load: get('/projects/new') },
      {
        name: '/projects (Arabic, error)', status: 422,
        prepare: async (pg, u) => {
          await pg.goto(`${u}/projects/new`);
          await pg.fill('#f-countries', 'Atlantis');
        },
        load: (pg) => submitForm(pg, 'form[action="/projects"]'),
      },
    ], problems);
  } finally {
    await ar.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// Final papers (before publishing, which replaces the participant's paper by
// an accepted one without the demo's supervisor): the participant's list, paper
// and edit form (Arabic), the
// supervisor's assess form, and staff's cohort list, settings and new papers.
export async function paperPagesAreAccessibleAndSmall({ url, accounts, browser }) {
  const problems = [];
  const as = async (account, locale, specs) => {
    const context = await browser.newContext({ locale, timezoneId: 'UTC' });
    try {
      const p = await context.newPage();
      await coldCache(context, p);
      await logIn(p, url, account);
      await checkPages(p, url, specs, problems);
    } finally {
      await context.close();
    }
  };
  const own = async (p, u) => {
    await p.goto(`${u}/papers`);
    return p.locator('main a[href^="/papers/"]').first().getAttribute('href');
  };
  let paper = '';
  await as(accounts.participant, 'ar', [
    { name: '/papers (participant)', load: get('/papers') },
    { name: '/papers/{id}', prepare: async (p, u) => { paper = await own(p, u); }, load: (p, u) => p.goto(`${u}${paper}`) },
    { name: '/papers/{id}/edit', load: (p, u) => p.goto(`${u}${paper}/edit`) },
  ]);
  await as(accounts.lecturer, 'fr', [
    { name: '/papers (supervisor)', load: get('/papers') },
    { name: '/papers/{id}/assess', load: (p, u) => p.goto(`${u}${paper}/assess`) },
    {
      name: '/papers/{id}/assess (error)', status: 422,
      prepare: (p, u) => p.goto(`${u}${paper}/assess`),
      load: (p) => submitForm(p, `form[action="${paper}/assess"]`),
    },
  ]);
  await as(accounts.staff, 'de', [
    { name: '/cohorts/3/papers', load: get('/cohorts/3/papers') },
    { name: '/cohorts/3/papers/settings', load: get('/cohorts/3/papers/settings') },
    { name: '/cohorts/3/papers/new', load: get('/cohorts/3/papers/new') },
  ]);
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
paperPagesAreAccessibleAndSmall.timeoutMs = 300000;

// Review (issue 13 §3): the reviewer's list and blind review page (French),
// the page refused without scores, and staff's reviewers and progress pages
// (German). The review page never holds an applicant's name, address or
// organisation.
export async function reviewPagesAreAccessibleAndSmall({ url, accounts, browser, crm }) {
  const problems = [];
  const r = seedReviews(crm.database);
  const review = `/reviews/${r.lecturerReview}`;
  const as = async (account, locale, specs) => {
    const context = await browser.newContext({ locale, timezoneId: 'UTC' });
    try {
      const p = await context.newPage();
      await coldCache(context, p);
      await logIn(p, url, account);
      await checkPages(p, url, specs, problems);
      if (account === accounts.lecturer) {
        await p.goto(`${url}${review}`);
        const html = await p.content();
        for (const a of blindApplicants)
          for (const v of [a.name, a.email, a.organisation])
            if (html.includes(v)) problems.push(`${review}: shows ${v} to a stage-1 reviewer`);
      }
    } finally {
      await context.close();
    }
  };
  await as(accounts.lecturer, 'fr', [
    { name: '/reviews', load: get('/reviews') },
    { name: '/reviews/{id}', load: get(review) },
    {
      name: '/reviews/{id} (no scores)', status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}${review}`);
        await p.evaluate((a) => { document.querySelector(`form[action="${a}"]`).noValidate = true; }, review);
      },
      load: (p) => submitForm(p, `form[action="${review}"]`),
    },
  ]);
  await as(accounts.staff, 'de', [
    { name: '/calls/{id}/reviewers', load: get(`/calls/${r.call}/reviewers`) },
    { name: '/calls/{id}/reviews', load: get(`/calls/${r.call}/reviews`) },
  ]);
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
reviewPagesAreAccessibleAndSmall.timeoutMs = 300000;

// Publishing: the consent page before and after publishing (and without the
// box ticked), the public page of the work and of a curated resource, signed
// out, in English and in Arabic.
export async function publishingPagesAreAccessibleAndSmall({ url, accounts, browser, context, page, dataDir }) {
  const problems = [];
  const paper = acceptedPaper(dataDir);
  const resource = publishedResource(dataDir);
  await coldCache(context, page);
  await logIn(page, url, accounts.participant);
  await checkPages(page, url, [
    { name: '/papers/{id}/publish', load: get(`/papers/${paper}/publish`) },
    {
      name: '/papers/{id}/publish (box not ticked)', status: 422,
      prepare: get(`/papers/${paper}/publish`),
      load: async (p) => {
        await p.locator('main form input[name="consent"]').evaluate((box) => box.removeAttribute('required'));
        return submitForm(p, `main form[action="/papers/${paper}/publish"]`);
      },
    },
  ], problems);
  await page.goto(`${url}/papers/${paper}/publish`);
  await page.locator('main form input[name="consent"]').check();
  await submitForm(page, `main form[action="/papers/${paper}/publish"]`);
  const work = workNumber(dataDir, paper);
  expect(work, 'publishing left no publication');
  await checkPages(page, url, [
    { name: '/papers/{id}/publish (published)', load: get(`/papers/${paper}/publish`) },
  ], problems);
  for (const locale of ['en-US', 'ar']) {
    const visitor = await browser.newContext({ locale, timezoneId: 'UTC' });
    try {
      const p = await visitor.newPage();
      await coldCache(visitor, p);
      await checkPages(p, url, [
        { name: `/knowledge/works/{n} (${locale})`, load: get(`/knowledge/works/${work}`) },
        { name: `/knowledge/resources/{id} (${locale})`, load: get(`/knowledge/resources/${resource}`) },
        { name: `/knowledge/works/{n} (unknown, ${locale})`, status: 404, load: get('/knowledge/works/987654') },
      ], problems);
    } finally {
      await visitor.close();
    }
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// The knowledge base (/knowledge): the list with its facets and a search, in
// English and in Arabic, signed out, and for staff (unpublished works shown).
export async function knowledgePagesAreAccessibleAndSmall({ url, accounts, browser, context, page }) {
  const problems = [];
  await coldCache(context, page);
  await checkPages(page, url, [
    { name: '/knowledge', load: get('/knowledge') },
    { name: '/knowledge?q=…', load: get('/knowledge?q=reintegration') },
  ], problems);
  await logIn(page, url, accounts.staff);
  await checkPages(page, url, [{ name: '/knowledge (staff)', load: get('/knowledge') }], problems);
  const visitor = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await visitor.newPage();
    await coldCache(visitor, p);
    await checkPages(p, url, [{ name: '/knowledge (Arabic)', load: get('/knowledge?q=%D8%A7%D9%84%D8%B9%D9%88%D8%AF%D8%A9') }], problems);
  } finally {
    await visitor.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// Survey results (issue 12 §4): the charts of the demo's "was it useful?",
// a cross-tab by country (with groups below the threshold), the
// self-assessment's change before and after and its raw responses; the
// cross-tab again in Arabic at both widths.
export async function surveyResultPagesAreAccessibleAndSmall({ url, accounts, browser, context, page }) {
  const problems = [];
  await coldCache(context, page);
  await logIn(page, url, accounts.staff);
  const useful = await demoSurveyResults(page, url, 'useful');
  const self = (await demoSurveyResults(page, url, 'self_assessment')).replace(/\/results$/, '');
  await checkPages(page, url, [
    { name: 'survey results', load: get(useful) },
    { name: 'survey results by country', load: get(`${useful}?by=country`) },
    { name: 'survey change', load: get(`${self}/change`) },
    { name: 'survey responses', load: get(`${self}/responses`) },
  ], problems);
  const ar = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await ar.newPage();
    await coldCache(ar, p);
    await logIn(p, url, accounts.staff);
    await p.goto(`${url}/`);
    await submitForm(p, 'form[action="/language"]', 'button[value="ar"]');
    await checkPages(p, url, [
      { name: 'survey results by country (Arabic)', load: get(`${useful}?by=route_role`) },
    ], problems);
  } finally {
    await ar.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
surveyResultPagesAreAccessibleAndSmall.timeoutMs = 240000;

// The survey builder (staff): the list, a new survey, the demo's custom
// survey, its texts, a question's editor and a refused save, the preview in
// Arabic; and the list and the editor for staff reading Arabic.
export async function surveyBuilderPagesAreAccessibleAndSmall({ url, accounts, browser, context, page }) {
  const problems = [];
  const state = {};
  const survey = firstLink('/surveys', 'main table a[href^="/surveys/"]', 'survey', state);
  await coldCache(context, page);
  await logIn(page, url, accounts.staff);
  await checkPages(page, url, [
    { name: '/surveys', load: get('/surveys') },
    { name: '/surveys/new', load: get('/surveys/new') },
    { name: '/surveys/{id}', prepare: survey, load: (p, u) => p.goto(`${u}${state.survey}`) },
    { name: '/surveys/{id}/edit', prepare: survey, load: (p, u) => p.goto(`${u}${state.survey}/edit`) },
    { name: '/surveys/{id}/questions/new', prepare: survey, load: (p, u) => p.goto(`${u}${state.survey}/questions/new`) },
    { name: '/surveys/{id}/questions/{name}/edit', prepare: survey, load: (p, u) => p.goto(`${u}${state.survey}/questions/topics/edit`) },
    {
      name: '/surveys/{id}/questions/{name}/edit (error)', status: 422,
      prepare: async (p, u) => {
        await survey(p, u);
        await p.goto(`${u}${state.survey}/questions/topics/edit`);
        await p.fill('#f-name', '9 lives');
      },
      load: (p) => submitForm(p, `form[action="${state.survey}/questions/topics/edit"]`),
    },
    { name: '/surveys/{id}/preview', prepare: survey, load: (p, u) => p.goto(`${u}${state.survey}/preview?lang=ar`) },
  ], problems);
  const ar = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await ar.newPage();
    await coldCache(ar, p);
    await logIn(p, url, accounts.staff);
    await checkPages(p, url, [
      { name: '/surveys (Arabic)', load: get('/surveys') },
      { name: '/surveys/{id} (Arabic)', load: (pg, u) => pg.goto(`${u}${state.survey}`) },
      { name: '/surveys/{id}/questions/{name}/edit (Arabic)', load: (pg, u) => pg.goto(`${u}${state.survey}/questions/works/edit`) },
    ], problems);
  } finally {
    await ar.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
surveyBuilderPagesAreAccessibleAndSmall.timeoutMs = 240000;

// Survey rounds: the form that sends a survey (and its answer to a closing
// before the opening), and a round's progress with who was asked, for staff
// in English and in Arabic.
export async function surveyRoundPagesAreAccessibleAndSmall({ url, accounts, browser, context, page, dataDir }) {
  const problems = [];
  const { survey, round } = surveyRound(dataDir);
  const form = `/surveys/${survey}/rounds/new`;
  await coldCache(context, page);
  await logIn(page, url, accounts.staff);
  const specs = (suffix) => [
    { name: `/surveys/{id}/rounds/new${suffix}`, load: get(form) },
    {
      name: `/surveys/{id}/rounds/new (closes before it opens)${suffix}`, status: 422,
      prepare: async (p, u) => {
        await p.goto(`${u}${form}`);
        await p.fill('#f-closes_date', '2020-01-01');
      },
      load: (p) => submitForm(p, `main form[action="${form}"]`),
    },
    { name: `/rounds/{id}${suffix}`, load: get(`/rounds/${round}`) },
  ];
  await checkPages(page, url, specs(''), problems);
  const arabic = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await arabic.newPage();
    await coldCache(arabic, p);
    await logIn(p, url, accounts.staff);
    await p.goto(`${url}/`);
    await submitForm(p, 'form[action="/language"]', 'button[value="ar"]');
    await checkPages(p, url, specs(' (Arabic)'), problems);
  } finally {
    await arabic.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
surveyRoundPagesAreAccessibleAndSmall.timeoutMs = 240000;

// The funder's indicator report and one figure's records, for staff, in
// English and in Arabic.
export async function indicatorReportIsAccessibleAndSmall({ url, accounts, browser, context, page }) {
  const problems = [];
  await coldCache(context, page);
  await logIn(page, url, accounts.staff);
  await page.goto(`${url}/reports/indicators`);
  const records = await page.locator('main a[href^="/reports/indicators/records"]').first().getAttribute('href');
  await checkPages(page, url, [
    { name: '/reports/indicators', load: get('/reports/indicators') },
    { name: '/reports/indicators/records', load: get(records) },
  ], problems);
  const arabic = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await arabic.newPage();
    await coldCache(arabic, p);
    await logIn(p, url, accounts.staff);
    await p.goto(`${url}/`);
    await submitForm(p, 'form[action="/language"]', 'button[value="ar"]');
    await checkPages(p, url, [{ name: '/reports/indicators (Arabic)', load: get('/reports/indicators') }], problems);
  } finally {
    await arabic.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
indicatorReportIsAccessibleAndSmall.timeoutMs = 180000;

// Answering surveys: my surveys, the start and a page of the follow-up signed
// in (Arabic) and through a personal link signed out (German), a page sent
// without its required answer, and the wait after too many unknown links.
export async function surveyAnsweringPagesAreAccessibleAndSmall({ url, accounts, browser, dataDir }) {
  const { followUpRound, surveyLink } = await import('./surveys.mjs');
  const link = surveyLink(dataDir, followUpRound(dataDir));
  const problems = [];
  let mine = '';
  const as = async (account, locale, specs) => {
    const context = await browser.newContext({ locale, timezoneId: 'UTC' });
    try {
      const p = await context.newPage();
      await coldCache(context, p);
      if (account) await logIn(p, url, account);
      await checkPages(p, url, specs, problems);
    } finally {
      await context.close();
    }
  };
  await as(accounts.participant, 'ar', [
    { name: '/my/surveys', load: get('/my/surveys') },
    {
      name: '/my/surveys/{id}',
      prepare: async (p, u) => { await p.goto(`${u}/my/surveys`); mine = await p.locator('main a[href^="/my/surveys/"]').first().getAttribute('href'); },
      load: (p, u) => p.goto(`${u}${mine}`),
    },
    { name: '/my/surveys/{id}/page/1', load: (p, u) => p.goto(`${u}${mine}/page/1`) },
  ]);
  await as(null, 'de', [
    { name: '/s/{token}', load: get(link) },
    { name: '/s/{token}/page/1', load: get(`${link}/page/1`) },
    {
      name: '/s/{token}/page/1 (no answer)', status: 422,
      prepare: get(`${link}/page/1`),
      load: (p) => submitForm(p, 'form.survey', 'button[value="next"]'),
    },
    { name: '/s/{token} (unknown)', status: 404, load: get('/s/never-issued-token') },
    {
      // Last: from here on this network waits before any link is looked up.
      name: '/s/{token} (too many unknown)', status: 429,
      prepare: async (p, u) => {
        for (let i = 0; i < 20; i++) await p.request.get(`${u}/s/never-issued-${i}`);
      },
      load: get(link),
    },
  ]);
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
surveyAnsweringPagesAreAccessibleAndSmall.timeoutMs = 300000;

// Applying (issue 13 §2): the sign-up for visitors, and the demo
// participant's application to an open call — the list, its state and its
// five pages (every page reached).
export async function applyingPagesAreAccessibleAndSmall({ url, accounts, browser, context, page, dataDir }) {
  const problems = [];
  const call = openCall(dataDir, 93);
  await coldCache(context, page);
  const visitor = await browser.newContext({ timezoneId: 'UTC' });
  try {
    const p = await visitor.newPage();
    await coldCache(visitor, p);
    await checkPages(p, url, [{ name: '/apply/signup', load: get(`/apply/signup?call=${call}`) }], problems);
  } finally {
    await visitor.close();
  }
  await logIn(page, url, accounts.participant);
  await page.goto(`${url}/applications`);
  await applyTo(page, call);
  const base = new URL(page.url()).pathname.replace(/\/page\/1$/, '');
  reachEveryPage(dataDir, base.split('/').pop());
  await checkPages(page, url, [
    { name: '/applications', load: get('/applications') },
    { name: '/applications/{id}', load: get(base) },
    ...[1, 2, 3, 4, 5].map((n) => ({ name: `/applications/{id}/page/${n}`, load: get(`${base}/page/${n}`) })),
  ], problems);
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
applyingPagesAreAccessibleAndSmall.timeoutMs = 240000;

// Selection (issue 13 §4): a call's ranking and its shortlist form sent
// without a reason, as staff in English and in Arabic.
export async function rankingPageIsAccessibleAndSmall({ url, accounts, browser, dataDir }) {
  const problems = [];
  const ranking = `/calls/${rankingCall(dataDir)}/ranking`;
  for (const locale of ['en-US', 'ar']) {
    const context = await browser.newContext({ locale, timezoneId: 'UTC' });
    try {
      const p = await context.newPage();
      await coldCache(context, p);
      await logIn(p, url, accounts.staff);
      await checkPages(p, url, [
        { name: `${ranking} (${locale})`, load: get(ranking) },
        {
          name: `${ranking} (no reason, ${locale})`, status: 422,
          prepare: async (pg, u) => {
            await pg.goto(`${u}${ranking}`);
            await pg.selectOption('#f-application', { index: 1 });
          },
          load: (pg) => submitForm(pg, 'form[action$="/shortlist"]'),
        },
      ], problems);
    } finally {
      await context.close();
    }
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// Decisions (issue 13 §5): a call's decisions with the forms to decide and
// send, deciding without a confirm-by date, the decision mails and a mail
// with a placeholder crm does not know, as staff in English and in Arabic.
export async function decisionPagesAreAccessibleAndSmall({ url, accounts, browser, dataDir }) {
  const problems = [];
  const call = rankingCall(dataDir);
  const decisions = `/calls/${call}/decisions`;
  const templates = `/calls/${call}/templates`;
  const sent = `/calls/${decidedCall(dataDir)}/decisions`;
  for (const locale of ['en-US', 'ar']) {
    const context = await browser.newContext({ locale, timezoneId: 'UTC' });
    try {
      const p = await context.newPage();
      await coldCache(context, p);
      await logIn(p, url, accounts.staff);
      await checkPages(p, url, [
        { name: `${decisions} (${locale})`, load: get(decisions) },
        { name: `${sent} (sent, ${locale})`, load: get(sent) },
        {
          name: `${decisions} (no date, ${locale})`, status: 422,
          prepare: async (pg, u) => {
            await pg.goto(`${u}${decisions}`);
            await pg.fill('#f-confirm_by', '');
          },
          load: (pg) => submitForm(pg, 'form:has(input[name="mode"][value="all"])'),
        },
        { name: `${templates} (${locale})`, load: get(`${templates}?kind=accepted&language=ar`) },
        {
          name: `${templates} (unknown placeholder, ${locale})`, status: 422,
          prepare: async (pg, u) => {
            await pg.goto(`${u}${templates}`);
            await pg.fill('#f-body', 'Hello {name}, {salary}');
          },
          load: (pg) => submitForm(pg, `form[action="${templates}"]`),
        },
      ], problems);
    } finally {
      await context.close();
    }
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
decisionPagesAreAccessibleAndSmall.timeoutMs = 240000;

// Funnel (issue 13 §6): a call's funnel with its charts and tables, as staff
// in English and in Arabic.
export async function funnelPageIsAccessibleAndSmall({ url, accounts, browser, dataDir }) {
  const problems = [];
  const funnel = `/calls/${rankingCall(dataDir)}/funnel`;
  for (const locale of ['en-US', 'ar']) {
    const context = await browser.newContext({ locale, timezoneId: 'UTC' });
    try {
      const p = await context.newPage();
      await coldCache(context, p);
      await logIn(p, url, accounts.staff);
      await checkPages(p, url, [{ name: `${funnel} (${locale})`, load: get(funnel) }], problems);
    } finally {
      await context.close();
    }
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
funnelPageIsAccessibleAndSmall.timeoutMs = 180000;

// Calls for applications: the open calls and a call's page for a visitor (in
// Arabic too), staff's list, a call's pages and a refused bound.
export async function callPagesAreAccessibleAndSmall({ url, accounts, browser, context, page }) {
  const problems = [];
  const state = {};
  const openCall = firstLink('/calls', 'main a[href^="/calls/"]', 'call', state);
  await coldCache(context, page);
  await checkPages(page, url, [
    { name: '/calls', load: get('/calls') },
    { name: '/calls/{id}', prepare: openCall, load: (p, u) => p.goto(`${u}${state.call}`) },
  ], problems);
  const ar = await browser.newContext({ locale: 'ar', timezoneId: 'UTC' });
  try {
    const p = await ar.newPage();
    await coldCache(ar, p);
    await checkPages(p, url, [
      { name: '/calls (Arabic)', load: get('/calls') },
      { name: '/calls/{id} (Arabic)', prepare: openCall, load: (pg, u) => pg.goto(`${u}${state.call}`) },
    ], problems);
  } finally {
    await ar.close();
  }
  const staff = await browser.newContext({ locale: 'de', timezoneId: 'UTC' });
  try {
    const p = await staff.newPage();
    await coldCache(staff, p);
    await logIn(p, url, accounts.staff);
    const edit = firstLink('/calls/manage', 'main table a[href^="/calls/"]', 'edit', state);
    const sub = (rest) => (pg, u) => pg.goto(`${u}${state.edit.replace(/\/edit$/, rest)}`);
    await checkPages(p, url, [
      { name: '/calls/manage', load: get('/calls/manage') },
      { name: '/calls/new', load: get('/calls/new') },
      { name: '/calls/{id}/edit', prepare: edit, load: (pg, u) => pg.goto(`${u}${state.edit}`) },
      { name: '/calls/{id}/questions', prepare: edit, load: sub('/questions') },
      { name: '/calls/{id}/criteria', prepare: edit, load: sub('/criteria') },
      { name: '/calls/{id}/bounds', prepare: edit, load: sub('/bounds') },
      {
        name: '/calls/{id}/bounds (error)', status: 422,
        prepare: async (pg, u) => {
          await edit(pg, u);
          await pg.goto(`${u}${state.edit.replace(/\/edit$/, '/bounds')}`);
          await pg.selectOption('#f-dimension', 'gender');
          await pg.selectOption('#f-value', 'female');
          await pg.fill('#f-min', '9');
          await pg.fill('#f-max', '3');
        },
        load: (pg) => submitForm(pg, 'main form[action$="/bounds"]'),
      },
    ], problems);
  } finally {
    await staff.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
callPagesAreAccessibleAndSmall.timeoutMs = 300000;

// Notifications (issue 14 §4): the participant's list and settings in
// Arabic on a phone and in German for staff; an unsubscribe link that is
// not valid (its clear page, 400).
export async function notificationPagesAreAccessibleAndSmall({ url, accounts, browser }) {
  const problems = [];
  const ar = await browser.newContext({ locale: 'ar', timezoneId: 'Asia/Baghdad' });
  try {
    const p = await ar.newPage();
    await coldCache(ar, p);
    await logIn(p, url, accounts.participant);
    await checkPages(p, url, [
      { name: '/notifications (participant, Arabic)', load: get('/notifications') },
      { name: '/notifications/settings (participant, Arabic)', load: get('/notifications/settings') },
      { name: '/unsubscribe/{bad token}', status: 400, load: get('/unsubscribe/1.m.0.00') },
    ], problems);
  } finally {
    await ar.close();
  }
  const staff = await browser.newContext({ locale: 'de', timezoneId: 'UTC' });
  try {
    const p = await staff.newPage();
    await coldCache(staff, p);
    await logIn(p, url, accounts.staff);
    await checkPages(p, url, [
      { name: '/notifications (staff)', load: get('/notifications') },
      { name: '/notifications/settings (staff)', load: get('/notifications/settings') },
    ], problems);
  } finally {
    await staff.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
notificationPagesAreAccessibleAndSmall.timeoutMs = 180000;
// Spaces, moderation (issue 14 §2): the reports queue of the demo
// participant's cohort space, a reported post's hide form (and its error),
// a post's earlier versions and a thread's move form, as staff (the team
// moderates every space of the programme) in English and in Arabic.
async function moderationIds(dataDir) {
  // (Imported here so that this block stays at the end of the file.)
  const { execFileSync } = await import('node:child_process');
  const { join } = await import('node:path');
  const q = (sql) => execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000',
    join(dataDir, 'crm.db'), sql], { encoding: 'utf8' }).trim();
  const space = q("SELECT s.id FROM space s JOIN enrolment e ON e.cohort_id = s.cohort_id JOIN person p ON p.id = e.person_id JOIN account a ON a.id = p.account_id WHERE a.email = 'participant@demo.crm.example' ORDER BY e.id LIMIT 1");
  const reported = q(`SELECT MIN(r.post_id) FROM post_report r JOIN post p ON p.id = r.post_id JOIN thread t ON t.id = p.thread_id WHERE t.space_id = ${Number(space)} AND r.resolved_at IS NULL`);
  const edited = q(`SELECT MIN(p.id) FROM post p JOIN thread t ON t.id = p.thread_id WHERE t.space_id = ${Number(space)} AND p.edited_at IS NOT NULL`);
  const thread = q(`SELECT thread_id FROM post WHERE id = ${Number(reported)}`);
  return { space: Number(space), reported: Number(reported), edited: Number(edited), thread: Number(thread) };
}

export async function moderationPagesAreAccessibleAndSmall({ url, accounts, browser, dataDir }) {
  const problems = [];
  const ids = await moderationIds(dataDir);
  const reports = `/spaces/${ids.space}/reports`;
  const hide = `/posts/${ids.reported}/hide`;
  const history = `/posts/${ids.edited}/history`;
  const move = `/threads/${ids.thread}/move`;
  for (const locale of ['en-US', 'ar']) {
    const context = await browser.newContext({ locale, timezoneId: 'UTC' });
    try {
      const p = await context.newPage();
      await coldCache(context, p);
      await logIn(p, url, accounts.staff);
      await checkPages(p, url, [
        { name: `${reports} (${locale})`, load: get(reports) },
        { name: `${hide} (${locale})`, load: get(hide) },
        {
          name: `${hide} (no reason, ${locale})`, status: 422,
          prepare: async (pg, u) => { await pg.goto(`${u}${hide}`); },
          load: (pg) => submitForm(pg, `main form[action="${hide}"]`),
        },
        { name: `${history} (${locale})`, load: get(history) },
        { name: `${move} (${locale})`, load: get(move) },
      ], problems);
    } finally {
      await context.close();
    }
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
moderationPagesAreAccessibleAndSmall.timeoutMs = 240000;
// Attachments: the author's page for adding files to their post (with the
// post's photo as its small copy), and the same page refusing an empty
// submit. The post is the demo participant's (demo/spaces_attachments.cpp),
// found in the database: the thread page that links to it is another part's.
export async function attachmentPagesAreAccessibleAndSmall({ crm, accounts, context, page }) {
  const problems = [];
  const db = crm.database.replace(/^sqlite:/, '');
  const post = execFileSync('sqlite3', [db,
    "SELECT MIN(p.id) FROM post p JOIN account a ON a.id = p.author_account_id JOIN " +
    "post_attachment f ON f.post_id = p.id WHERE a.email = 'participant@demo.crm.example'"])
    .toString().trim();
  expect(/^\d+$/.test(post), `no demo post with attachments: ${post}`);
  const form = `/posts/${post}/attachments`;
  await coldCache(context, page);
  await logIn(page, crm.url, accounts.participant);
  await checkPages(page, crm.url, [
    { name: '/posts/{id}/attachments', load: get(form) },
    {
      name: '/posts/{id}/attachments (no file: error summary)', status: 422,
      prepare: get(form),
      load: (p) => submitForm(p, `main form[action="${form}"]`),
    },
  ], problems);
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
attachmentPagesAreAccessibleAndSmall.timeoutMs = 120000;

// Spaces, materials (issue 14 §3): the library of the demo participant's
// cohort space (in Arabic, right to left) and the form to add a material,
// with a refused link; a moderator's library with its export links, in German.
export async function spaceMaterialsPagesAreAccessibleAndSmall({ url, accounts, browser, dataDir }) {
  const problems = [];
  // Imported here, not at the top, so this block stays whole when merged.
  const { execFileSync } = await import('node:child_process');
  const { join } = await import('node:path');
  const space = execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000', join(dataDir, 'crm.db'),
    "SELECT s.id FROM space s JOIN enrolment e ON e.cohort_id = s.cohort_id JOIN person p ON p.id = e.person_id JOIN account a ON a.id = p.account_id WHERE a.email = 'participant@demo.crm.example' ORDER BY e.id LIMIT 1"],
  { encoding: 'utf8' }).trim();
  const library = `/spaces/${space}/materials`;
  const ar = await browser.newContext({ locale: 'ar', timezoneId: 'Asia/Baghdad' });
  try {
    const p = await ar.newPage();
    await coldCache(ar, p);
    await logIn(p, url, accounts.participant);
    await checkPages(p, url, [
      { name: `${library} (Arabic)`, load: get(library) },
      { name: `${library}?language=de (Arabic)`, load: get(`${library}?language=de`) },
      { name: `${library}/new (Arabic)`, load: get(`${library}/new`) },
      {
        name: `${library}/new (javascript: link, Arabic)`, status: 422,
        prepare: async (pg, u) => {
          await pg.goto(`${u}${library}/new`);
          await pg.check('#f-kind-link');
          await pg.fill('#f-url', 'javascript:alert(1)');
          await pg.fill('#f-title', 'رابط');
        },
        load: (pg) => submitForm(pg, 'main form[action$="/materials/new"]'),
      },
    ], problems);
  } finally {
    await ar.close();
  }
  const de = await browser.newContext({ locale: 'de', timezoneId: 'Europe/Berlin' });
  try {
    const p = await de.newPage();
    await coldCache(de, p);
    await logIn(p, url, accounts.staff);
    await checkPages(p, url, [{ name: `${library} (staff, German)`, load: get(library) }], problems);
  } finally {
    await de.close();
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
spaceMaterialsPagesAreAccessibleAndSmall.timeoutMs = 180000;

// Searching the spaces (issue 14 §5): the participant's search across their
// spaces, empty and with words, in English and in Arabic (the participant's
// own language).
export async function spaceSearchPagesAreAccessibleAndSmall({ url, accounts, context, page }) {
  const problems = [];
  await coldCache(context, page);
  await logIn(page, url, accounts.participant);
  await checkPages(page, url, [
    { name: '/spaces/search', load: get('/spaces/search') },
    { name: '/spaces/search?q=…', load: get('/spaces/search?q=return') },
    { name: '/spaces/search?q=… (Arabic)', load: get('/spaces/search?q=%D8%A7%D9%84%D8%B9%D9%88%D8%AF%D8%A9') },
  ], problems);
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

// Spaces: the participant's spaces, their cohort's space and its first thread
// (in Arabic too), and a refused reply (empty text).
export async function spacePagesAreAccessibleAndSmall({ url, accounts, browser }) {
  const problems = [];
  const state = {};
  const space = firstLink('/spaces', 'main .space-list a[href^="/spaces/"]', 'space', state);
  const thread = async (pg, u) => {
    await space(pg, u);
    await pg.goto(`${u}${state.space}`);
    state.thread = await pg.getAttribute('main .thread-list a[href^="/threads/"]', 'href');
  };
  for (const locale of ['de', 'ar']) {
    const context = await browser.newContext({ locale, timezoneId: 'UTC' });
    try {
      const p = await context.newPage();
      await coldCache(context, p);
      await logIn(p, url, accounts.participant);
      await checkPages(p, url, [
        { name: `/spaces (${locale})`, load: get('/spaces') },
        { name: `/spaces/{id} (${locale})`, prepare: space, load: (pg, u) => pg.goto(`${u}${state.space}`) },
        { name: `/threads/{id} (${locale})`, prepare: thread, load: (pg, u) => pg.goto(`${u}${state.thread}`) },
        {
          name: `/threads/{id}/posts (error, ${locale})`, status: 422,
          prepare: async (pg, u) => {
            await thread(pg, u);
            await pg.goto(`${u}${state.thread}`);
            await pg.fill('main form[action$="/posts"] textarea', '   '); // only spaces: refused
          },
          load: (pg) => submitForm(pg, 'main form[action$="/posts"]'),
        },
      ], problems);
    } finally {
      await context.close();
    }
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
spacePagesAreAccessibleAndSmall.timeoutMs = 300000;

// Spaces across cohorts (issue 14 §1): staff's form for a new space, the same
// form refused (no English name), and a space's settings, in German and Arabic.
export async function spaceManagePagesAreAccessibleAndSmall({ url, accounts, browser }) {
  const problems = [];
  for (const language of ['de', 'ar']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await logIn(page, url, accounts.staff);
      await submitForm(page, 'header form.languages', `button[value="${language}"]`);
      await page.goto(`${url}/spaces`);
      const space = (await page.$$eval('main a[href^="/spaces/"]', (as) => as.map((a) => a.getAttribute('href'))))
        .find((h) => /^\/spaces\/\d+$/.test(h));
      expect(space, 'staff see no space');
      await coldCache(context, page);
      await checkPages(page, url, [
        { name: `/spaces/new (${language})`, load: get('/spaces/new') },
        {
          name: `/spaces/new refused (${language})`, status: 422,
          prepare: async (pg, u) => { await pg.goto(`${u}/spaces/new`); await pg.fill('#f-name_de', 'Nur Deutsch'); },
          load: (pg) => submitForm(pg, 'main form[action="/spaces"]'),
        },
        { name: `/spaces/{id}/settings (${language})`, load: get(`${space}/settings`) },
      ], problems);
    } finally {
      await context.close();
    }
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}
spaceManagePagesAreAccessibleAndSmall.timeoutMs = 180000;
