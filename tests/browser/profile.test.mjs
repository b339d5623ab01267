// A participant edits her profile in Arabic and hides her organisation; another
// participant of the programme (the demo alumnus) then no longer sees it, on
// the cohort page nor on her person page. The profile page passes axe.
import { assertAccessible, expect, logIn, pathOf, submitForm } from './lib.mjs';

// The organisation the alumnus sees in Laila's row of the cohort page, and on her page.
async function whatTheAlumnusSees(page, url, personPath) {
  await page.goto(`${url}/cohorts/3`);
  const row = page.locator(`tr:has(a[href="${personPath}"])`);
  expect(await row.count() === 1, `the cohort page has ${await row.count()} rows for ${personPath}`);
  const rowText = await row.innerText();
  await page.goto(`${url}${personPath}`);
  const field = page.locator('[data-field="organisation"]');
  const onPage = (await field.count()) ? await field.innerText() : '';
  return { rowText, onPage };
}

export async function participantHidesHerOrganisation({ url, accounts, browser, page }) {
  // The alumnus signs in in a context of their own.
  const otherContext = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    const alumnus = await otherContext.newPage();
    await logIn(alumnus, url, accounts.alumnus);

    await logIn(page, url, accounts.participant);
    await page.goto(`${url}/profile`);
    expect(await page.getAttribute('html', 'lang') === 'ar', 'the profile is not in Arabic');
    expect(await page.getAttribute('html', 'dir') === 'rtl', 'the profile does not run right to left');
    const personPath = await page.locator('main a[href^="/people/"]').first().getAttribute('href');
    expect(/^\/people\/\d+$/.test(personPath), `no link to her page (${personPath})`);
    await assertAccessible(page);

    const before = await whatTheAlumnusSees(alumnus, url, personPath);
    expect(before.onPage.trim().length > 0, 'the alumnus does not see her organisation before she hides it');
    const organisation = before.onPage.trim().split(' (')[0];
    expect(before.rowText.includes(organisation), `the cohort row does not show "${organisation}" before`);

    const box = page.locator('#visible-organisation');
    expect(await box.isChecked(), 'the organisation is not shown by default');
    await box.uncheck();
    const res = await submitForm(page, 'form[action="/profile"]');
    expect(res.status() === 200 && pathOf(page) === '/profile', `saving ended with ${res.status()} at ${page.url()}`);
    expect(await page.locator('.flash.ok, [role="status"]').count() > 0, 'no confirmation after saving');
    expect(!(await page.locator('#visible-organisation').isChecked()), 'the choice was not saved');
    expect(await page.locator('#visible-country').isChecked(), 'the country was hidden too');

    const after = await whatTheAlumnusSees(alumnus, url, personPath);
    expect(!after.rowText.includes(organisation), `the cohort row still shows "${organisation}"`);
    expect(after.onPage === '', 'her page still shows the organisation');
    expect(!(await alumnus.locator('main').innerText()).includes(organisation), 'her page still names the organisation');

    // The programme team still sees it.
    const staffContext = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    try {
      const staff = await staffContext.newPage();
      await logIn(staff, url, accounts.staff);
      await staff.goto(`${url}${personPath}`);
      expect((await staff.locator('[data-field="organisation"]').innerText()).includes(organisation),
        'staff no longer see her organisation');
    } finally {
      await staffContext.close();
    }
  } finally {
    await otherContext.close();
  }
}
