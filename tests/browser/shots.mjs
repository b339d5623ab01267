// Screenshots for looking at pages (not a test): a fresh crm with the demo,
// signed in as a demo ROLE, each PATH at 360 px in Arabic and 1280 px in
// German, full page, into /tmp/shots/ROLE-PATH-ar360.png and -de1280.png.
//
//   CRM_BIN=build/test/crm node tests/browser/shots.mjs ROLE PATH [PATH ...]
//   ROLE: a demo account's role (staff, participant, alumnus, …) or "visitor".
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, launchBrowser, logIn, startCrm, submitForm } from './lib.mjs';

const [role, ...paths] = process.argv.slice(2);
if (!role || paths.length === 0) {
  console.error('usage: node tests/browser/shots.mjs ROLE PATH [PATH ...]');
  process.exit(2);
}
const out = '/tmp/shots';
await mkdir(out, { recursive: true });
const dataDir = await mkdtemp(join(tmpdir(), 'crm-shots-'));
const crm = await startCrm({ dataDir });
const browser = await launchBrowser();
try {
  for (const [language, width] of [['ar', 360], ['de', 1280]]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    if (role !== 'visitor') await logIn(page, crm.url, crm.accounts[role]);
    else await page.goto(crm.url + '/');
    if (await page.locator(`header form.languages button[value="${language}"]`).count())
      await submitForm(page, 'header form.languages', `button[value="${language}"]`);
    for (const path of paths) {
      const res = await page.goto(crm.url + path);
      const name = `${role}-${path.replace(/[^a-zA-Z0-9]+/g, '_')}-${language}${width}.png`;
      await page.screenshot({ path: join(out, name), fullPage: true });
      console.log(`${res?.status()} ${path} -> ${join(out, name)}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await crm.stop();
  killAll();
  await rm(dataDir, { recursive: true, force: true });
}
