// A participant reads their timetable in Arabic on a 360 px phone: right to
// left, no sideways scrolling, times in Arabic-Indic digits like the rest of
// the app, the on-site week under one heading, a cancelled session struck
// through; and the German cohort timetable at 1280 px, also as printed.
// Screenshots go to tests/browser/out/ for a human look.
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { assertAccessible, browserDir, expect, logIn, submitForm } from './lib.mjs';

const outDir = join(browserDir, 'out');

// One statement against the running crm's SQLite database (WAL: it may write meanwhile).
function sql(crm, statement) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', crm.database.replace(/^sqlite:/, ''), statement],
    { encoding: 'utf8' }).trim();
}

// Sessions for the participant's cohort as the planning pages store them, in place of the demo's:
// three days on site in Amman next month and two online sessions, one cancelled.
function planSessions(crm, email) {
  const cohort = sql(crm, `SELECT e.cohort_id FROM enrolment e JOIN person p ON p.id = e.person_id
    JOIN account a ON a.id = p.account_id WHERE a.email = '${email.replace(/'/g, "''")}' ORDER BY e.id LIMIT 1`);
  expect(/^\d+$/.test(cohort), `the participant has no cohort (${cohort})`);
  // This file's own plan instead of the demo's (each test file has its own database).
  sql(crm, `DELETE FROM course_session WHERE cohort_id = ${cohort}`);
  const day = 86400;
  const base = Math.floor(Date.now() / 1000 / day + 30) * day + 6 * 3600; // 06:00 UTC, a month ahead
  const rows = [
    ['Fieldwork in the camps of the region', 'on_site', base, base + 3 * 3600, 'Asia/Amman', 'Amman', 'scheduled', ''],
    ['Fieldwork, second day', 'on_site', base + day, base + day + 3 * 3600, 'Asia/Amman', 'Amman', 'scheduled', ''],
    ['Fieldwork, third day', 'on_site', base + 2 * day, base + 2 * day + 3 * 3600, 'Asia/Amman', 'Amman', 'scheduled', ''],
    ['Online seminar on migration law', 'online', base + 7 * day, base + 7 * day + 5400, 'Europe/Berlin', '', 'scheduled', ''],
    ['Reading group', 'online', base + 9 * day, base + 9 * day + 3600, 'Europe/Berlin', '', 'cancelled', 'Public holiday'],
  ];
  const values = rows.map(([title, kind, start, end, zone, place, status, reason], i) =>
    `(${cohort}, '${title}', '${kind}', ${start}, ${end}, '${zone}', '${place}', '${place ? 'Hall B' : ''}',
      '${kind === 'online' ? 'https://meet.example.org/seminar' : ''}', '${status}', '${reason}',
      'browser-${Date.now()}-${i}@crm.test', 0, ${base}, ${base})`).join(', ');
  sql(crm, `INSERT INTO course_session (cohort_id, title, kind, starts_at, ends_at, time_zone, place, room,
    meeting_url, status, cancel_reason, uid, sequence, created_at, updated_at) VALUES ${values}`);
  return cohort;
}

export async function participantReadsTheirTimetableInArabicOnAPhone({ url, accounts, crm, browser }) {
  const cohort = planSessions(crm, accounts.participant.email);
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'ar' });
  try {
    const page = await context.newPage();
    await logIn(page, url, accounts.participant);
    await page.goto(`${url}/`);
    await submitForm(page, 'form[action="/language"]', 'button[value="ar"]');
    for (const path of ['/timetable', `/cohorts/${cohort}/timetable`]) {
      const res = await page.goto(`${url}${path}`);
      expect(res.status() === 200, `${path} answered ${res.status()}`);
      expect(await page.getAttribute('html', 'dir') === 'rtl', `${path} is not right to left`);
      const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      expect(width[0] <= width[1], `${path} scrolls sideways at 360 px (${width[0]} > ${width[1]})`);
      const times = await page.locator('main .session .when').allTextContents();
      expect(times.length >= 5, `${path} shows ${times.length} sessions, expected at least 5`);
      for (const t of times) {
        expect(/[٠-٩]/.test(t), `${path}: "${t}" has no Arabic-Indic digits`);
        expect(!/[0-9]/.test(t), `${path}: "${t}" has Western digits`);
      }
      const onSite = await page.locator('main section.block.on-site').count();
      expect(onSite === 1, `${path}: ${onSite} on-site blocks, expected the three days in Amman as one`);
      expect(await page.locator('main .session.cancelled s').count() >= 1, `${path}: the cancelled session is not struck through`);
      await assertAccessible(page);
    }
    await mkdir(outDir, { recursive: true });
    await page.goto(`${url}/timetable`);
    await page.screenshot({ path: join(outDir, 'timetable-ar-360.png'), fullPage: true });
  } finally {
    await context.close();
  }

  const de = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de' });
  try {
    const page = await de.newPage();
    await logIn(page, url, accounts.participant);
    await page.goto(`${url}/`);
    await submitForm(page, 'form[action="/language"]', 'button[value="de"]');
    await page.goto(`${url}/cohorts/${cohort}/timetable`);
    expect(await page.locator('main section.block.on-site h3').first().textContent().then((t) => t.includes('Amman')),
      'the German on-site heading does not name Amman');
    await page.screenshot({ path: join(outDir, 'timetable-de-1280.png'), fullPage: true });
    // Printed, the site's header and footer are left out.
    await page.emulateMedia({ media: 'print' });
    expect(!(await page.locator('header.site').isVisible()), 'the header is printed');
  } finally {
    await de.close();
  }
}
