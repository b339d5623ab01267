// A lecturer takes a session's attendance on a 360 px phone (real Chromium):
// one screen, a labelled choice per participant with a touch target of at
// least 44 px, one save; the participant then sees it on their own
// attendance page. Screenshots of the attendance screen in Arabic at 360 px
// and in German at 1280 px and of the completion page in German at 1280 px go
// to tests/browser/out/attendance/ — look at them.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { browserDir, expect, logIn, logOut, pathOf, submitForm } from './lib.mjs';
import { attendanceOf, lecturerSession } from './curriculum.mjs';

const outDir = join(browserDir, 'out', 'attendance');

async function language(page, code) {
  await submitForm(page, 'header form.languages', `button[value="${code}"]`);
  expect(await page.getAttribute('html', 'lang') === code, `the page did not turn to ${code}`);
}

export async function aLecturerTakesAttendanceOnAPhoneAndTheParticipantSeesIt({ url, accounts, browser, dataDir }) {
  const s = lecturerSession(dataDir);
  const before = attendanceOf(dataDir, s.session, s.participant);
  const wanted = before === 'excused' ? 'absent' : 'excused';
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  try {
    await mkdir(outDir, { recursive: true });
    await logIn(page, url, accounts.lecturer);
    await page.goto(`${url}/sessions/${s.session}/attendance`);
    expect(pathOf(page) === `/sessions/${s.session}/attendance`, `the attendance page is at ${page.url()}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow <= 0, `the attendance screen is ${overflow} px wider than a 360 px phone`);
    // Every choice is a labelled radio whose whole box is at least 44 px high.
    const small = await page.evaluate(() => [...document.querySelectorAll('.choices .field.check')]
      .filter((b) => b.getBoundingClientRect().height < 43.5 || !b.querySelector('label')).length);
    expect(small === 0, `${small} choices are smaller than 44 px or have no label`);
    const choice = `#f-status-${s.participant}-${wanted}`;
    // A person taps the label, not the small circle.
    await page.locator(`label[for="f-status-${s.participant}-${wanted}"]`).click();
    expect(await page.isChecked(choice), 'tapping the label did not choose it');
    if (await page.locator('#f-rest').count()) await page.locator('label[for="f-rest"]').click();
    await page.screenshot({ path: join(outDir, 'attendance-fr-360-filled.png'), fullPage: false });
    const res = await submitForm(page, 'form.attendance');
    expect(res.status() === 200 && pathOf(page) === `/sessions/${s.session}/attendance`,
      `saving answered ${res.status()} at ${page.url()}`);
    expect(await page.locator('.flash.ok').count() === 1, 'no confirmation after saving');
    expect(await page.isChecked(choice), 'the saved choice is not shown');
    expect(attendanceOf(dataDir, s.session, s.participant) === wanted, 'the choice was not recorded');

    await language(page, 'ar');
    await page.goto(`${url}/sessions/${s.session}/attendance`);
    expect(await page.getAttribute('html', 'dir') === 'rtl', 'the Arabic page is not right to left');
    await page.screenshot({ path: join(outDir, 'attendance-ar-360.png') });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.screenshot({ path: join(outDir, 'attendance-ar-360-end.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await language(page, 'de');
    await page.goto(`${url}/sessions/${s.session}/attendance`);
    await page.screenshot({ path: join(outDir, 'attendance-de-1280.png'), fullPage: false });
    await logOut(page);

    await page.setViewportSize({ width: 360, height: 800 });
    await logIn(page, url, accounts.participant);
    await page.goto(`${url}/attendance`);
    const row = page.locator(`tr[data-session="${s.session}"]`);
    expect(await row.count() === 1, 'the participant does not see the session');
    expect(await row.getAttribute('data-status') === wanted, `the participant sees ${await row.getAttribute('data-status')}, not ${wanted}`);
    await page.screenshot({ path: join(outDir, 'own-attendance-ar-360.png') });
    await logOut(page);

    await page.setViewportSize({ width: 1280, height: 800 });
    await logIn(page, url, accounts.staff);
    await language(page, 'de');
    await page.goto(`${url}/cohorts/${s.cohort}/completion`);
    expect(await page.locator('table.completion tbody tr').count() > 0, 'the completion list is empty');
    await page.screenshot({ path: join(outDir, 'completion-de-1280.png'), fullPage: false });
  } finally {
    await context.close();
  }
}
