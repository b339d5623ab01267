// The stricter walk: what a person sees at once, checked on every page of the
// route walk at 360 × 800 in Arabic (a phone, right to left) and at 1280 × 800
// in German (a laptop). For each page it saves a screenshot to
// tests/browser/out/walk/ (git-ignored) — open them and look before calling
// a change to a page done — and it checks:
//
//  - width: no element reaches beyond the screen, except inside a container
//    marked as scrolling sideways: class `table-wrap` or attribute
//    `data-scroll` (the marked container itself must fit the screen, have
//    `overflow-x: auto` or `scroll`, and, when it does scroll, be reachable
//    with the keyboard: tabindex="0");
//  - columns: no text sits in a column narrower than 60 px where it has to
//    wrap or spill (a value squeezed to 0 px, Arabic broken letter by letter);
//  - choices: every checkbox and radio has a label, and the label's text
//    starts on the row of the box;
//  - headings: no level skipped (h1, then h2, never h1 then h3);
//  - digits: an Arabic page's own text has no Western digit, a German page's
//    no Arabic-Indic or Persian one. User content and codes are not the page's
//    own text: what is inside <bdi>, [dir=auto], [dir=ltr], <code>, <kbd> or
//    <samp> is skipped (a name, an e-mail address, an IP address);
//  - after a failed submit (login, profile with a bad time zone, erasure
//    without the box ticked): an error summary (`.error-summary`, role=alert
//    or tabindex=-1) starts inside the first screen and has the focus.
//
// A page added to the accessibility walk (a11y.test.mjs) joins this list too.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { browserDir, expect, logIn, submitForm } from './lib.mjs';
import { lecturerSession } from './curriculum.mjs';
import { seedReviews } from './reviews.mjs';
import { acceptedPaper, publishedResource, workNumber } from './publishing.mjs';
import { surveyRound } from './survey_rounds.mjs';
import { formWithProblems } from './xlsform.mjs';
import { demoSurveyResults } from './surveys.mjs';
import { applyTo, openCall, reachEveryPage } from './applying.mjs';
import { rankingCall } from './ranking.mjs';
import { decidedCall } from './decisions.mjs';

const walkDir = join(browserDir, 'out', 'walk');

const phases = [
  { lang: 'ar', size: { width: 360, height: 800 } },
  { lang: 'de', size: { width: 1280, height: 800 } },
];

// Runs in the page. Returns a list of problems (strings) found on it.
function inspectPage({ lang, failedSubmit }) {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  const scrollMarker = '.table-wrap, [data-scroll]';
  const notOwnText = 'bdi, [dir=auto], [dir=ltr], code, kbd, samp';
  const unseen = 'head, script, style, template, noscript, [hidden], .visually-hidden';

  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    else if (el.classList.length) s += `.${[...el.classList].join('.')}`;
    const text = (el.innerText ?? el.textContent ?? '').trim().replace(/\s+/g, ' ');
    return text ? `${s} "${text.slice(0, 40)}"` : s;
  };
  const shown = (el) => {
    if (el.closest(unseen)) return false;
    const s = getComputedStyle(el);
    // What a closed <details> holds (the phone menu) is not on the screen.
    const folded = el.closest('details:not([open])');
    if (folded && !el.closest('summary')) return false;
    return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0;
  };
  const clips = (el) => getComputedStyle(el).overflowX !== 'visible';

  // Width. Only the outermost element that reaches beyond the screen is named.
  const reported = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right <= vw + 1 && r.left >= -1) continue;
    // Kept off the screen on purpose until it is needed (the skip link): it widens nothing.
    const position = getComputedStyle(el).position;
    if ((position === 'absolute' || position === 'fixed') && (r.right <= 0 || r.left >= vw)) continue;
    let ancestor = el.parentElement;
    let excused = false;
    while (ancestor && ancestor !== document.body) {
      if (reported.has(ancestor) || ancestor.matches(scrollMarker) || clips(ancestor)) { excused = true; break; }
      ancestor = ancestor.parentElement;
    }
    if (excused) continue;
    reported.add(el);
    problems.push(`width: ${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} px of a ${vw} px screen`);
  }
  const page = document.documentElement.scrollWidth - vw;
  if (page > 0) problems.push(`width: the page is ${page} px wider than the screen`);
  for (const el of document.querySelectorAll(scrollMarker)) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (r.right > vw + 1 || r.left < -1) {
      problems.push(`width: the scrolling container ${name(el)} is itself wider than the screen`);
    } else if (s.overflowX !== 'auto' && s.overflowX !== 'scroll') {
      problems.push(`width: ${name(el)} is marked as scrolling but has overflow-x: ${s.overflowX}`);
    } else if (el.scrollWidth > el.clientWidth && el.getAttribute('tabindex') !== '0') {
      problems.push(`width: ${name(el)} scrolls sideways but cannot be reached with the keyboard`);
    }
  }

  // Columns, and the digits of the page's own text: one pass over the text.
  const other = lang === 'ar' ? /[0-9]/ : /[\u0660-\u0669\u06F0-\u06F9]/;
  const digitsSeen = new Set();
  const digitProblem = (where, text) => {
    const key = `${where}|${text}`;
    if (digitsSeen.has(key)) return;
    digitsSeen.add(key);
    problems.push(`digits: ${lang === 'ar' ? 'Western' : 'Arabic-Indic'} digits in ${where}: "${text.slice(0, 60)}"`);
  };
  // The document title cannot isolate names (no <bdi> in <title>), and the
  // names in it ("Cohort 3", a person) are user content: not checked.
  const narrow = new Map(); // a column of a table counts once, with the number of its cells
  const columnOf = (box) => {
    const cell = box.closest('td, th');
    if (!cell) return box;
    const table = cell.closest('table');
    return `${[...document.querySelectorAll('table')].indexOf(table)}:${cell.cellIndex}`;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.trim();
    if (!text) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest(unseen)) continue;
    if (other.test(text) && !parent.closest(notOwnText)) digitProblem(name(parent), text.replace(/\s+/g, ' '));
    if (!shown(parent) || parent.closest('svg')) continue; // a chart's labels are drawn, not laid out
    let box = parent;
    while (box.parentElement && getComputedStyle(box).display === 'inline') box = box.parentElement;
    const column = columnOf(box);
    const s = getComputedStyle(box);
    const width = box.clientWidth - parseFloat(s.paddingInlineStart || 0) - parseFloat(s.paddingInlineEnd || 0);
    if (width >= 60) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const lines = new Set(rects.map((r) => Math.round(r.top)));
    const spill = rects.some((r) => r.width > width + 1);
    if (lines.size > 1 || spill) {
      if (narrow.has(column)) { narrow.get(column).count++; continue; }
      narrow.set(column, {
        count: 1,
        text: `column: ${name(box)} is ${Math.round(width)} px wide and its text ${lines.size > 1 ? `takes ${lines.size} lines` : 'spills out'}`,
      });
    }
  }
  for (const { count, text } of narrow.values()) problems.push(count > 1 ? `${text} (and ${count - 1} more cells of its column)` : text);
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (el.closest(notOwnText) || el.closest('script, style, template')) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = el.getAttribute(a);
      if (v && other.test(v)) digitProblem(`${name(el)} [${a}]`, v);
    }
  }

  // Choices: the label's text starts on the row of its box.
  for (const input of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
    if (!shown(input)) continue;
    const label = input.labels?.[0];
    if (!label) { problems.push(`choice: ${name(input)} has no label`); continue; }
    const box = input.getBoundingClientRect();
    const middle = (box.top + box.bottom) / 2;
    const rects = [];
    const texts = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    for (let t = texts.nextNode(); t; t = texts.nextNode()) {
      if (!t.nodeValue.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
    }
    if (!rects.length) { problems.push(`choice: the label of ${name(input)} shows no text`); continue; }
    const first = rects.reduce((a, b) => (b.top < a.top ? b : a));
    if (middle < first.top || middle > first.bottom) {
      problems.push(`choice: ${input.type} ${input.id || input.name} sits at ${Math.round(middle)} px, its label "${label.innerText.trim().slice(0, 40)}" at ${Math.round(first.top)}..${Math.round(first.bottom)} px`);
    }
  }

  // Headings: no level skipped.
  let previous = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (h.closest('template, [hidden]')) continue;
    // The error summary comes first in the page with its own h2, as GOV.UK's
    // does: it is announced and focused before the page's h1.
    if (h.closest('.error-summary')) continue;
    const level = Number(h.tagName[1]);
    if (level > previous + 1) problems.push(`headings: ${name(h)} (h${level}) follows ${previous ? `h${previous}` : 'no heading'}`);
    previous = level;
  }

  // The error summary after a failed submit.
  if (failedSubmit) {
    const summary = document.querySelector('.error-summary');
    if (!summary) {
      problems.push('errors: no error summary (.error-summary) after a failed submit');
    } else {
      const r = summary.getBoundingClientRect();
      const top = r.top + window.scrollY;
      if (top + Math.min(r.height, 48) > vh) problems.push(`errors: the error summary starts ${Math.round(top)} px down, below the first screen (${vh} px)`);
      if (summary.getAttribute('role') !== 'alert' && summary.getAttribute('tabindex') !== '-1') {
        problems.push('errors: the error summary has neither role=alert nor tabindex=-1');
      }
      const focused = document.activeElement;
      if (!focused || !summary.contains(focused)) {
        problems.push(`errors: the focus is on ${focused ? name(focused) : 'nothing'}, not on the error summary`);
      }
    }
  }
  return problems;
}

/**
 * Checks the page that is loaded now in `phase`; screenshot under `slug`.
 * Adds what is wrong to `problems` as "NAME (lang, width px): …".
 */
async function checkWalkedPage(page, spec, phase, problems) {
  const where = `${spec.name} (${phase.lang}, ${phase.size.width} px)`;
  const lang = await page.getAttribute('html', 'lang');
  if (lang !== phase.lang) problems.push(`${where}: the page is in "${lang}"`);
  const found = await page.evaluate(inspectPage, { lang: phase.lang, failedSubmit: !!spec.failedSubmit });
  for (const p of found) problems.push(`${where}: ${p}`);
  const slug = spec.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  await mkdir(walkDir, { recursive: true });
  await page.screenshot({ path: join(walkDir, `${slug}.${phase.lang}-${phase.size.width}.png`), fullPage: true });
}

// Switches the page's language with the header's switcher (as a person would;
// the form is submitted directly, so a header folded away on a phone is no obstacle).
async function useLanguage(page, url, lang) {
  await page.goto(`${url}/`);
  await Promise.all([
    page.waitForNavigation(),
    page.evaluate((l) => {
      const form = document.querySelector('form[action="/language"]');
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'language';
      input.value = l;
      for (const b of form.querySelectorAll('button[name="language"]')) b.removeAttribute('name');
      form.append(input);
      form.submit();
    }, lang),
  ]);
}

/**
 * Visits every spec {name, status, prepare, load, failedSubmit} in both phases,
 * each phase in a fresh browser context signed in as `account` (or signed out).
 */
async function walk({ url, browser }, account, specs) {
  const problems = [];
  for (const phase of phases) {
    const context = await browser.newContext({ locale: phase.lang, timezoneId: 'UTC', viewport: phase.size });
    context.setDefaultTimeout(15000);
    try {
      const page = await context.newPage();
      if (account) await logIn(page, url, account);
      await useLanguage(page, url, phase.lang);
      const state = {};
      for (const spec of specs) {
        if (spec.prepare) await spec.prepare(page, url, state);
        const res = await spec.load(page, url, state);
        const status = res?.status();
        if (status !== (spec.status ?? 200)) {
          problems.push(`${spec.name} (${phase.lang}): answered ${status} at ${page.url()}, expected ${spec.status ?? 200}`);
          continue;
        }
        await page.evaluate(() => document.fonts.ready);
        await checkWalkedPage(page, spec, phase, problems);
      }
    } finally {
      await context.close();
    }
  }
  expect(!problems.length, `${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
}

const get = (path) => (page, url) => page.goto(`${url}${path}`);

// Sets a field to a value its form must refuse, whether it is a text field or a list.
async function setRefusedValue(page, selector, value) {
  await page.evaluate(([sel, v]) => {
    const field = document.querySelector(sel);
    if (field.tagName === 'SELECT') field.append(new Option(v, v));
    field.value = v;
  }, [selector, value]);
}

export async function walkSignedOut(ctx) {
  await walk(ctx, null, [
    { name: '/ (signed out)', load: get('/') },
    { name: '/login', load: get('/login') },
    {
      name: '/login (wrong password)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}/login`);
        await p.fill('#f-email', 'nobody@example.org');
        await p.fill('#f-password', 'not a password');
      },
      load: (p) => submitForm(p, 'form[action="/login"]'),
    },
    { name: '/password/forgot', load: get('/password/forgot') },
    {
      // A link from a mail, signed out: the login, which then leads there.
      name: '/cohorts/3 (signed out, to the login)',
      load: async (p, u) => {
        const res = await p.goto(`${u}/cohorts/3`);
        expect(new URL(p.url()).pathname === '/login', `a signed-out link to a cohort led to ${p.url()}`);
        return res;
      },
    },
    { name: '/programme (signed out)', load: get('/programme') },
    { name: '/programmes (signed out)', load: get('/programmes') },
    { name: '404 (signed out)', status: 404, load: get('/no/such/page') },
    // Certificates: the public verification form and an unknown code.
    { name: '/verify (signed out)', load: get('/verify') },
    { name: '/verify/{code} (unknown)', status: 404, load: get('/verify/ABCD-EFGH-JKMN-PQRS') },
    // The knowledge base: the list, a search with a filter, a bad filter.
    { name: '/knowledge (signed out)', load: get('/knowledge') },
    { name: '/knowledge?q=… (signed out)', load: get('/knowledge?q=return&kind=paper') },
    { name: '/knowledge (unknown filter)', status: 422, load: get('/knowledge?country=XX') },
  ]);
}

// The first person of cohort 3 and their organisation (ids differ between databases).
const findPerson = async (p, u, state) => {
  if (state.person) return;
  await p.goto(`${u}/cohorts/3`);
  state.person = await p.locator('main a[href^="/people/"]').first().getAttribute('href');
};
const findOrganisation = async (p, u, state) => {
  if (state.organisation) return;
  await p.goto(`${u}/organisations`);
  state.organisation = await p.locator('main a[href^="/organisations/"]').first().getAttribute('href');
};

export async function walkAsStaff(ctx) {
  await walk(ctx, ctx.accounts.staff, [
    { name: '/ (staff)', load: get('/') },
    { name: '/account (staff)', load: get('/account') },
    { name: '/invitations', load: get('/invitations') },
    { name: '/programme (staff)', load: get('/programme') },
    { name: '/erasure-requests', load: get('/erasure-requests') },
    { name: '/cohorts/4 (staff)', load: get('/cohorts/4') },
    { name: '/cohorts/4 (filtered, page 2)', load: get('/cohorts/4?status=participant&page=2') },
    { name: '/cohorts/3/parity', load: get('/cohorts/3/parity') },
    { name: '/cohorts/3/targets', load: get('/cohorts/3/targets') },
    { name: '/people/{id} (staff)', prepare: findPerson, load: (p, u, s) => p.goto(`${u}${s.person}`) },
    { name: '/organisations', load: get('/organisations') },
    { name: '/organisations/{id}', prepare: findOrganisation, load: (p, u, s) => p.goto(`${u}${s.organisation}`) },
    { name: '/cohorts/4/import', load: get('/cohorts/4/import') },
    // Certificates of a finished cohort.
    { name: '/cohorts/1/certificates', load: get('/cohorts/1/certificates') },
    // A cohort's plan.
    { name: '/cohorts/3/curriculum (staff)', load: get('/cohorts/3/curriculum') },
    { name: '/cohorts/3/sessions/new', load: get('/cohorts/3/sessions/new') },
    { name: '/cohorts/3/modules/new', load: get('/cohorts/3/modules/new') },
    {
      name: '/sessions/{id} (staff)',
      prepare: async (p, u, s) => {
        await p.goto(`${u}/cohorts/3/curriculum`);
        s.session = await p.locator('main a[href^="/sessions/"]').first().getAttribute('href');
      },
      load: (p, u, s) => p.goto(`${u}${s.session}`),
    },
    { name: '/cohorts/3/timetable (staff)', load: get('/cohorts/3/timetable') },
    { name: '/cohorts/3/calendar', load: get('/cohorts/3/calendar') },
  ]);
}

export async function walkAsParticipant(ctx) {
  await walk(ctx, ctx.accounts.participant, [
    { name: '/ (participant)', load: get('/') },
    { name: '/account (participant)', load: get('/account') },
    { name: '/account/2fa', load: get('/account/2fa') },
    { name: '/cohorts/3 (participant)', load: get('/cohorts/3') },
    { name: '/cohorts/3/curriculum (participant)', load: get('/cohorts/3/curriculum') },
    { name: '/timetable', load: get('/timetable') },
    { name: '/timetable?past=1', load: get('/timetable?past=1') },
    { name: '/cohorts/3/timetable (participant)', load: get('/cohorts/3/timetable') },
    { name: '/calendar', load: get('/calendar') },
    { name: '/profile', load: get('/profile') },
    {
      name: '/account (bad time zone)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}/account`);
        await setRefusedValue(p, 'form[action="/account"] [name="time_zone"]', 'Mars/Olympus_Mons');
      },
      load: (p) => submitForm(p, 'form[action="/account"]'),
    },
    {
      name: '/people/{id} (own)',
      prepare: async (p, u, s) => {
        await p.goto(`${u}/profile`);
        s.own = await p.locator('main a[href^="/people/"]').first().getAttribute('href');
      },
      load: (p, u, s) => p.goto(`${u}${s.own}`),
    },
    { name: '/profile/data', load: get('/profile/data') },
    { name: '/profile/consents', load: get('/profile/consents') },
    { name: '/profile/erasure', load: get('/profile/erasure') },
    {
      name: '/profile/erasure (box not ticked)', status: 422, failedSubmit: true,
      prepare: get('/profile/erasure'),
      load: (p) => submitForm(p, 'form[action="/profile/erasure"].stack'),
    },
  ]);
}

export async function walkAsAdmin(ctx) {
  await walk(ctx, ctx.accounts.admin, [
    { name: '/admin/audit', load: get('/admin/audit') },
    { name: '/admin/jobs', load: get('/admin/jobs') },
    { name: '/programmes (admin)', load: get('/programmes') },
    { name: '/programmes/new', load: get('/programmes/new') },
    { name: '/programmes/1', load: get('/programmes/1') },
    { name: '/programmes/1/edit', load: get('/programmes/1/edit') },
    { name: '/programmes/1/team', load: get('/programmes/1/team') },
    { name: '/programmes/1/cohorts/new', load: get('/programmes/1/cohorts/new') },
  ]);
}

// Attendance, results and completion: the lecturer's attendance screen, the
// staff's results and completion pages (and a refused share), the
// participant's own attendance.
export async function walkAttendance(ctx) {
  const s = lecturerSession(ctx.dataDir);
  await walk(ctx, ctx.accounts.lecturer, [
    { name: '/sessions/{id}/attendance', load: get(`/sessions/${s.session}/attendance`) },
  ]);
  await walk(ctx, ctx.accounts.staff, [
    { name: '/sessions/{id}/attendance (staff)', load: get(`/sessions/${s.session}/attendance`) },
    { name: '/modules/{id}/results', load: get(`/modules/${s.module}/results`) },
    { name: '/cohorts/{id}/completion', load: get(`/cohorts/${s.cohort}/completion`) },
    {
      name: '/cohorts/{id}/completion (bad share)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}/cohorts/${s.cohort}/completion`);
        await p.fill('#f-min_percent', '120');
      },
      load: (p) => submitForm(p, '#rules form'),
    },
  ]);
  await walk(ctx, ctx.accounts.participant, [{ name: '/attendance', load: get('/attendance') }]);
}

// Final papers (before publishing, which replaces the participant's paper by
// an accepted one they can no longer edit): the participant's list, paper
// (with the demo's feedback) and edit form; the supervisor's list and assess
// form; staff's cohort list, settings and starting papers; a refused form of
// each.
const ownPaper = async (p, u, s) => {
  await p.goto(`${u}/papers`);
  s.paper = await p.locator('main a[href^="/papers/"]').first().getAttribute('href');
};
const supervisedPaper = async (p, u, s) => {
  await p.goto(`${u}/papers`);
  s.paper = await p.locator('main tr', { hasText: 'ليلى حداد' }).locator('a[href^="/papers/"]').first().getAttribute('href');
};
export async function walkPapers(ctx) {
  await walk(ctx, ctx.accounts.participant, [
    { name: '/papers (participant)', load: get('/papers') },
    { name: '/papers/{id} (author)', prepare: ownPaper, load: (p, u, s) => p.goto(`${u}${s.paper}`) },
    { name: '/papers/{id}/edit', prepare: ownPaper, load: (p, u, s) => p.goto(`${u}${s.paper}/edit`) },
    {
      name: '/papers/{id}/edit (unknown language)', status: 422, failedSubmit: true,
      prepare: async (p, u, s) => {
        await ownPaper(p, u, s);
        await p.goto(`${u}${s.paper}/edit`);
        await setRefusedValue(p, '#f-language_0', 'xx');
      },
      load: (p, u, s) => submitForm(p, `form[action="${s.paper}/edit"]`),
    },
  ]);
  await walk(ctx, ctx.accounts.lecturer, [
    { name: '/papers (supervisor)', load: get('/papers') },
    { name: '/papers/{id} (supervisor)', prepare: supervisedPaper, load: (p, u, s) => p.goto(`${u}${s.paper}`) },
    { name: '/papers/{id}/assess', prepare: supervisedPaper, load: (p, u, s) => p.goto(`${u}${s.paper}/assess`) },
    {
      name: '/papers/{id}/assess (no scores)', status: 422, failedSubmit: true,
      prepare: async (p, u, s) => {
        await supervisedPaper(p, u, s);
        await p.goto(`${u}${s.paper}/assess`);
      },
      load: (p, u, s) => submitForm(p, `form[action="${s.paper}/assess"]`),
    },
    { name: '/cohorts/3/papers (lecturer)', load: get('/cohorts/3/papers') },
  ]);
  await walk(ctx, ctx.accounts.staff, [
    { name: '/cohorts/3/papers (staff)', load: get('/cohorts/3/papers') },
    { name: '/cohorts/3/papers/settings', load: get('/cohorts/3/papers/settings') },
    { name: '/cohorts/3/papers/new', load: get('/cohorts/3/papers/new') },
    {
      name: '/cohorts/3/papers/settings (bad scale)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}/cohorts/3/papers/settings`);
        await p.fill('form[action="/cohorts/3/papers/criteria"] [name="title"]', 'Style');
        await p.fill('form[action="/cohorts/3/papers/criteria"] [name="scale_max"]', '500');
      },
      load: (p) => submitForm(p, 'form[action="/cohorts/3/papers/criteria"]'),
    },
  ]);
}

// Publishing: the participant's consent page (before publishing, without the
// box ticked, published), then the public pages of the work and of a curated
// resource, signed out.
export async function walkPublishing(ctx) {
  const paper = acceptedPaper(ctx.dataDir);
  const resource = publishedResource(ctx.dataDir);
  const consent = `/papers/${paper}/publish`;
  await walk(ctx, ctx.accounts.participant, [
    { name: '/papers/{id}/publish', load: get(consent) },
    {
      name: '/papers/{id}/publish (box not ticked)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}${consent}`);
        await p.locator('main form input[name="consent"]').evaluate((box) => box.removeAttribute('required'));
      },
      load: (p) => submitForm(p, `main form[action="${consent}"]`),
    },
  ]);
  // Published once (by the first phase's participant), shown in both phases.
  await walk(ctx, ctx.accounts.participant, [
    {
      name: '/papers/{id}/publish (published)',
      prepare: async (p, u) => {
        if (workNumber(ctx.dataDir, paper)) return;
        await p.goto(`${u}${consent}`);
        await p.locator('main form input[name="consent"]').check();
        await submitForm(p, `main form[action="${consent}"]`);
      },
      load: get(consent),
    },
  ]);
  const work = workNumber(ctx.dataDir, paper);
  await walk(ctx, null, [
    { name: '/knowledge/works/{n}', load: get(`/knowledge/works/${work}`) },
    { name: '/knowledge/resources/{id}', load: get(`/knowledge/resources/${resource}`) },
  ]);
}

// Each walk visits every page of its role twice (360 px Arabic, 1280 px German).
for (const walk of [walkSignedOut, walkAsStaff, walkAsParticipant, walkAsAdmin, walkAttendance, walkPublishing, walkPapers]) walk.timeoutMs = 300000;

// Practice projects as a participant (the list, the demo project they lead,
// the form and a refused one) and curated resources as staff (the list, one
// resource, the form and a refused one).
const findLink = (path, selector, key) => async (p, u, state) => {
  if (state[key]) return;
  await p.goto(`${u}${path}`);
  state[key] = await p.locator(selector).first().getAttribute('href');
};
export async function walkProjects(ctx) {
  await walk(ctx, ctx.accounts.participant, [
    { name: '/projects', load: get('/projects') },
    {
      name: '/projects/{id}', prepare: findLink('/projects', 'main a[href^="/projects/"]:not([href$="new"])', 'project'),
      load: (p, u, s) => p.goto(`${u}${s.project}`),
    },
    { name: '/projects/new', load: get('/projects/new') },
    {
      name: '/projects/new (unknown country)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}/projects/new`);
        await p.fill('#f-title', 'Peer groups');
        await p.fill('#f-countries', 'Atlantis');
      },
      load: (p) => submitForm(p, 'form[action="/projects"]'),
    },
  ]);
}
walkProjects.timeoutMs = 180000;

export async function walkResources(ctx) {
  await walk(ctx, ctx.accounts.staff, [
    { name: '/resources', load: get('/resources') },
    {
      name: '/resources/{id}', prepare: findLink('/resources', 'main a[href^="/resources/"]:not([href$="new"])', 'resource'),
      load: (p, u, s) => p.goto(`${u}${s.resource}`),
    },
    { name: '/resources/new', load: get('/resources/new') },
    {
      name: '/resources/new (year out of range)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}/resources/new`);
        await p.fill('#f-title', 'Return study');
        await p.fill('#f-year', '1800');
      },
      load: (p) => submitForm(p, 'form[action="/resources"]'),
    },
  ]);
}
walkResources.timeoutMs = 180000;

// The XLSForm import: the form and a file whose problems are listed back.
export async function walkSurveyImport(ctx) {
  await walk(ctx, ctx.accounts.staff, [
    { name: '/surveys/import', load: get('/surveys/import') },
    {
      name: '/surveys/import (problems)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}/surveys/import`);
        await p.setInputFiles('#f-file', {
          name: 'form.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: formWithProblems(),
        });
      },
      load: (p) => submitForm(p, 'form[action="/surveys/import"]'),
    },
  ]);
}
walkSurveyImport.timeoutMs = 180000;
// Survey results (issue 12 §4): charts, a cross-tab, the change before and
// after and the raw responses, in every language and width of the walk.
const surveyPaths = async (p, u, s) => {
  if (s.useful) return;
  s.useful = await demoSurveyResults(p, u, 'useful');
  s.self = (await demoSurveyResults(p, u, 'self_assessment')).replace(/\/results$/, '');
};
export async function walkSurveyResults(ctx) {
  await walk(ctx, ctx.accounts.staff, [
    { name: 'survey results', prepare: surveyPaths, load: (p, u, s) => p.goto(`${u}${s.useful}`) },
    { name: 'survey results by gender', prepare: surveyPaths, load: (p, u, s) => p.goto(`${u}${s.useful}?by=gender`) },
    { name: 'survey change', prepare: surveyPaths, load: (p, u, s) => p.goto(`${u}${s.self}/change`) },
    { name: 'survey responses', prepare: surveyPaths, load: (p, u, s) => p.goto(`${u}${s.self}/responses`) },
  ]);
}
walkSurveyResults.timeoutMs = 300000;

// The survey builder as staff: the list, a new survey, the demo's custom
// survey with its questions, its texts, a question's editor and a refused
// save, and the preview.
export async function walkSurveyBuilder(ctx) {
  const survey = findLink('/surveys', 'main table a[href^="/surveys/"]', 'survey');
  await walk(ctx, ctx.accounts.staff, [
    { name: '/surveys', load: get('/surveys') },
    { name: '/surveys/new', load: get('/surveys/new') },
    { name: '/surveys/{id}', prepare: survey, load: (p, u, s) => p.goto(`${u}${s.survey}`) },
    { name: '/surveys/{id}/edit', prepare: survey, load: (p, u, s) => p.goto(`${u}${s.survey}/edit`) },
    { name: '/surveys/{id}/questions/{name}/edit', prepare: survey, load: (p, u, s) => p.goto(`${u}${s.survey}/questions/caseload/edit`) },
    {
      name: '/surveys/{id}/questions/{name}/edit (bad name)', status: 422, failedSubmit: true,
      prepare: async (p, u, s) => {
        await survey(p, u, s);
        await p.goto(`${u}${s.survey}/questions/topics/edit`);
        await p.fill('#f-name', '9 lives');
      },
      load: (p, u, s) => submitForm(p, `form[action="${s.survey}/questions/topics/edit"]`),
    },
    { name: '/surveys/{id}/preview', prepare: survey, load: (p, u, s) => p.goto(`${u}${s.survey}/preview`) },
  ]);
}
walkSurveyBuilder.timeoutMs = 180000;

// Survey rounds: the form that sends a survey (and its answer to a closing
// before the opening) and a round's progress, as staff.
export async function walkSurveyRounds(ctx) {
  const { survey, round } = surveyRound(ctx.dataDir);
  const form = `/surveys/${survey}/rounds/new`;
  await walk(ctx, ctx.accounts.staff, [
    { name: '/surveys/{id}/rounds/new', load: get(form) },
    {
      name: '/surveys/{id}/rounds/new (closes before it opens)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}${form}`);
        await p.fill('#f-closes_date', '2020-01-01');
      },
      load: (p) => submitForm(p, `main form[action="${form}"]`),
    },
    { name: '/rounds/{id}', load: get(`/rounds/${round}`) },
  ]);
}

// The funder's indicator report, a figure's records, and the report with a
// period that ends before it starts.
export async function walkIndicatorReport(ctx) {
  await walk(ctx, ctx.accounts.staff, [
    { name: '/reports/indicators', load: get('/reports/indicators') },
    {
      name: '/reports/indicators/records',
      prepare: findLink('/reports/indicators', 'main a[href^="/reports/indicators/records"]', 'records'),
      load: (p, u, s) => p.goto(`${u}${s.records}`),
    },
    {
      name: '/reports/indicators (period backwards)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}/reports/indicators`);
        await p.fill('#f-from', '2026-06-30');
        await p.fill('#f-to', '2026-01-01');
      },
      load: (p) => submitForm(p, 'form[action="/reports/indicators"]'),
    },
  ]);
}
walkIndicatorReport.timeoutMs = 180000;

// Surveys: answering signed in (my surveys, the demo's follow-up) and through
// a personal link signed out, with a failed submit.
export async function walkSurveyAnswering(ctx) {
  const { followUpRound, surveyLink } = await import('./surveys.mjs');
  const link = surveyLink(ctx.dataDir, followUpRound(ctx.dataDir));
  const mine = async (p, u, s) => {
    if (s.mine) return;
    await p.goto(`${u}/my/surveys`);
    s.mine = await p.locator('main a[href^="/my/surveys/"]').first().getAttribute('href');
  };
  await walk(ctx, ctx.accounts.participant, [
    { name: '/my/surveys', load: get('/my/surveys') },
    { name: '/my/surveys/{id}', prepare: mine, load: (p, u, s) => p.goto(`${u}${s.mine}`) },
    { name: '/my/surveys/{id}/page/1', prepare: mine, load: (p, u, s) => p.goto(`${u}${s.mine}/page/1`) },
    {
      name: '/my/surveys/{id}/page/1 (no answer)', status: 422, failedSubmit: true,
      prepare: async (p, u, s) => { await mine(p, u, s); await p.goto(`${u}${s.mine}/page/1`); },
      load: (p) => submitForm(p, 'form.survey', 'button[value="next"]'),
    },
  ]);
  await walk(ctx, null, [
    { name: '/s/{token}', load: get(link) },
    { name: '/s/{token}/page/1', load: get(`${link}/page/1`) },
    { name: '/s/{token} (unknown)', status: 404, load: get('/s/never-issued-token') },
  ]);
}
walkSurveyAnswering.timeoutMs = 300000;

// Review (issue 13 §3): the reviewer's list and blind review page, the page
// refused without scores; staff's reviewers and progress pages.
export async function walkReviews(ctx) {
  const r = seedReviews(ctx.crm.database);
  const review = `/reviews/${r.lecturerReview}`;
  await walk(ctx, ctx.accounts.lecturer, [
    { name: '/reviews', load: get('/reviews') },
    { name: '/reviews/{id}', load: get(review) },
    {
      name: '/reviews/{id} (no scores)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}${review}`);
        await p.evaluate((a) => { document.querySelector(`form[action="${a}"]`).noValidate = true; }, review);
      },
      load: (p) => submitForm(p, `form[action="${review}"]`),
    },
  ]);
  await walk(ctx, ctx.accounts.staff, [
    { name: '/calls/{id}/reviewers', load: get(`/calls/${r.call}/reviewers`) },
    { name: '/calls/{id}/reviews', load: get(`/calls/${r.call}/reviews`) },
  ]);
}
walkReviews.timeoutMs = 240000;

// Applying (issue 13 §2): the sign-up signed out, then the demo
// participant's application to an open call — its state, its five pages and
// a page sent with a year that is none.
export async function walkApplying(ctx) {
  const call = openCall(ctx.dataDir, 94);
  await walk(ctx, null, [{ name: '/apply/signup', load: get(`/apply/signup?call=${call}`) }]);
  // The participant's application to this call (applying again continues it;
  // the demo participant also has the decided one of their own cohort's call).
  const find = async (p, u, s) => {
    if (s.application) return;
    await p.goto(`${u}/applications`);
    await applyTo(p, call);
    s.application = new URL(p.url()).pathname.replace(/\/page\/\d+$/, '');
    reachEveryPage(ctx.dataDir, s.application.split('/').pop());
  };
  await walk(ctx, ctx.accounts.participant, [
    { name: '/applications', prepare: find, load: get('/applications') },
    { name: '/applications/{id}', prepare: find, load: (p, u, s) => p.goto(`${u}${s.application}`) },
    ...[1, 2, 3, 4, 5].map((n) => ({
      name: `/applications/{id}/page/${n}`, prepare: find, load: (p, u, s) => p.goto(`${u}${s.application}/page/${n}`),
    })),
    {
      name: '/applications/{id}/page/1 (a year that is none)', status: 422, failedSubmit: true,
      prepare: async (p, u, s) => {
        await find(p, u, s);
        await p.goto(`${u}${s.application}/page/1`);
        await p.fill('#f-birth_year', '19');
      },
      load: (p, u, s) => submitForm(p, `main form[action="${s.application}/page/1"]`),
    },
  ]);
}
walkApplying.timeoutMs = 240000;

// Selection (issue 13 §4): a call's ranking with its proposed shortlist,
// parity view and the form that changes the shortlist, and that form sent
// without a reason.
export async function walkRanking(ctx) {
  const ranking = `/calls/${rankingCall(ctx.dataDir)}/ranking`;
  await walk(ctx, ctx.accounts.staff, [
    { name: '/calls/{id}/ranking', load: get(ranking) },
    {
      name: '/calls/{id}/ranking (no reason)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}${ranking}`);
        await p.selectOption('#f-application', { index: 1 });
        await p.selectOption('#f-action', 'remove');
      },
      load: (p) => submitForm(p, 'form[action$="/shortlist"]'),
    },
  ]);
}
walkRanking.timeoutMs = 180000;

// Decisions (issue 13 §5): a call's decisions with the forms to decide and
// send, deciding without a confirm-by date, and the decision mails with one
// refused for a placeholder crm does not know.
export async function walkDecisions(ctx) {
  const call = rankingCall(ctx.dataDir);
  const decisions = `/calls/${call}/decisions`;
  const templates = `/calls/${call}/templates`;
  await walk(ctx, ctx.accounts.staff, [
    { name: '/calls/{id}/decisions', load: get(decisions) },
    { name: '/calls/{id}/decisions (sent)', load: get(`/calls/${decidedCall(ctx.dataDir)}/decisions`) },
    {
      name: '/calls/{id}/decisions (no date)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}${decisions}`);
        await p.fill('#f-confirm_by', '');
      },
      load: (p) => submitForm(p, 'form:has(input[name="mode"][value="all"])'),
    },
    { name: '/calls/{id}/templates', load: get(`${templates}?kind=accepted&language=ar`) },
    {
      name: '/calls/{id}/templates (unknown placeholder)', status: 422, failedSubmit: true,
      prepare: async (p, u) => {
        await p.goto(`${u}${templates}`);
        await p.fill('#f-body', 'Hello {name}, {salary}');
      },
      load: (p) => submitForm(p, `form[action="${templates}"]`),
    },
  ]);
}
walkDecisions.timeoutMs = 180000;
// Funnel (issue 13 §6): a call's funnel, its charts and tables by stage and
// group.
export async function walkFunnel(ctx) {
  const funnel = `/calls/${rankingCall(ctx.dataDir)}/funnel`;
  await walk(ctx, ctx.accounts.staff, [{ name: '/calls/{id}/funnel', load: get(funnel) }]);
}
walkFunnel.timeoutMs = 180000;

// Calls for applications: the open calls and the demo's open call signed out;
// staff's list, a call's edit, questions, criteria and bounds pages, the new
// call form and a contradictory bound refused.
export async function walkCalls(ctx) {
  const openCall = findLink('/calls', 'main a[href^="/calls/"]', 'call');
  await walk(ctx, null, [
    { name: '/calls', load: get('/calls') },
    { name: '/calls/{id}', prepare: openCall, load: (p, u, s) => p.goto(`${u}${s.call}`) },
  ]);
  const staffCall = findLink('/calls/manage', 'main table a[href^="/calls/"]', 'edit');
  const sub = (rest) => (p, u, s) => p.goto(`${u}${s.edit.replace(/\/edit$/, rest)}`);
  await walk(ctx, ctx.accounts.staff, [
    { name: '/calls/manage', load: get('/calls/manage') },
    { name: '/calls/new', load: get('/calls/new') },
    { name: '/calls/{id}/edit', prepare: staffCall, load: (p, u, s) => p.goto(`${u}${s.edit}`) },
    { name: '/calls/{id}/questions', prepare: staffCall, load: sub('/questions') },
    { name: '/calls/{id}/criteria', prepare: staffCall, load: sub('/criteria') },
    { name: '/calls/{id}/bounds', prepare: staffCall, load: sub('/bounds') },
    {
      name: '/calls/{id}/bounds (contradictory)', status: 422, failedSubmit: true,
      prepare: async (p, u, s) => {
        await staffCall(p, u, s);
        await p.goto(`${u}${s.edit.replace(/\/edit$/, '/bounds')}`);
        await p.selectOption('#f-dimension', 'gender');
        await p.selectOption('#f-value', 'female');
        await p.fill('#f-min', '9');
        await p.fill('#f-max', '3');
      },
      load: (p) => submitForm(p, 'main form[action$="/bounds"]'),
    },
  ]);
}
walkCalls.timeoutMs = 300000;
