// A new programme, end to end in a real browser: an admin creates it (after a
// mistake the form shows beside the field), puts a staff member on its team;
// the staff member finds it among their programmes and adds its first cohort
// (again after a mistake); the admin takes them off the team again, after a
// confirmation, and the programme is no longer theirs.
import { errorsOn } from './flows.mjs';
import { expect, logIn, pathOf, submitForm } from './lib.mjs';

async function english(page, url) {
  await page.goto(`${url}/`);
  await submitForm(page, 'form[action="/language"]', 'button[value="en"]');
}

export async function adminCreatesAProgrammeAndItsTeamAddsACohort({ url, accounts, browser, page }) {
  await logIn(page, url, accounts.admin);
  await english(page, url);
  await page.click('nav a[href="/programmes"]');
  await page.waitForURL(/\/programmes$/);
  await page.click('main a[href="/programmes/new"]');
  await page.waitForURL(/\/programmes\/new$/);

  await page.fill('#f-slug', 'sahel-2027');
  await page.fill('#f-name_en', 'Return and Reintegration in the Sahel');
  await page.fill('#f-description_en', 'A programme for professionals who work on return in the Sahel.');
  await page.fill('#f-name_ar', 'العودة وإعادة الإدماج في الساحل');
  await page.fill('#f-countries_origin', 'ml, NE, SN');
  await page.fill('#f-countries_transit', 'MA');
  await page.fill('#f-countries_destination', 'DE, XX');
  await page.fill('#f-funders', 'European Union');
  let res = await submitForm(page, 'form[action="/programmes"]');
  expect(res.status() === 422, `an unknown country code answered ${res.status()}`);
  const error = page.locator('#f-countries_destination-error');
  expect(await error.isVisible(), 'no message beside the destination countries');
  expect(await page.getAttribute('#f-countries_destination', 'aria-describedby') === 'f-countries_destination-error',
    'the field is not described by its message');
  expect(await page.inputValue('#f-name_ar') === 'العودة وإعادة الإدماج في الساحل', 'the Arabic name was lost');
  expect(await page.inputValue('#f-slug') === 'sahel-2027', 'the short name was lost');
  await page.fill('#f-countries_destination', 'DE, FR');
  res = await submitForm(page, 'form[action="/programmes"]');
  expect(res.status() === 200 && /^\/programmes\/\d+$/.test(pathOf(page)),
    `creating the programme ended with ${res.status()} at ${page.url()}: ${await errorsOn(page)}`);
  const overview = pathOf(page);
  expect(await page.locator('main .flash.ok').count() === 1, 'no confirmation after creating');
  expect(await page.locator('main h1').textContent() === 'Return and Reintegration in the Sahel', 'the overview has another title');
  expect(await page.locator('.route-roles li', { hasText: 'Senegal' }).count() === 1, 'Senegal is not among the countries');

  // The team: the demo staff member, chosen from the list.
  await page.click(`main a[href="${overview}/team"]`);
  await page.waitForURL(/\/team$/);
  const option = page.locator('#f-account_id option', { hasText: accounts.staff.email });
  expect(await option.count() === 1, 'the staff member is not offered');
  await page.selectOption('#f-account_id', await option.getAttribute('value'));
  res = await submitForm(page, `form[action="${overview}/team"]`);
  expect(res.status() === 200 && pathOf(page) === `${overview}/team`, `adding to the team ended with ${res.status()}`);
  expect(await page.locator('table.team td', { hasText: accounts.staff.email }).count() === 1, 'the team does not list the staff member');

  // The staff member, in a browser of their own, now has two programmes.
  const staffContext = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    const staff = await staffContext.newPage();
    await logIn(staff, url, accounts.staff);
    await english(staff, url);
    await staff.click('nav a[href="/programme"]');
    await staff.waitForURL(/\/programmes$/);
    await staff.click(`main a[href="${overview}"]`);
    await staff.waitForURL((u) => u.pathname === overview);
    await staff.click(`main a[href="${overview}/cohorts/new"]`);
    await staff.waitForURL(/\/cohorts\/new$/);
    expect(await staff.inputValue('#f-number') === '1', 'the first cohort is not number 1');
    await staff.fill('#f-name', 'Sahel cohort 1');
    await staff.fill('#f-starts_on', '2027-03-01');
    await staff.fill('#f-ends_on', '2026-03-01');
    await staff.selectOption('#f-status', 'open');
    await staff.fill('#f-location', 'Dakar · Munich');
    await staff.fill('#f-capacity', '30');
    res = await submitForm(staff, `form[action="${overview}/cohorts"]`);
    expect(res.status() === 422, `an end before the start answered ${res.status()}`);
    expect(await staff.locator('#f-ends_on-error').isVisible(), 'no message beside the end date');
    expect(await staff.inputValue('#f-location') === 'Dakar · Munich', 'the location was lost');
    await staff.fill('#f-ends_on', '2028-02-15');
    res = await submitForm(staff, `form[action="${overview}/cohorts"]`);
    expect(res.status() === 200 && /^\/cohorts\/\d+$/.test(pathOf(staff)),
      `adding the cohort ended with ${res.status()} at ${staff.url()}: ${await errorsOn(staff)}`);
    expect(await staff.locator('main h1').textContent() === 'Sahel cohort 1', 'the cohort page has another title');
    expect(await staff.locator('.facts dd', { hasText: '30 places' }).count() === 1, 'the capacity is not shown');
    await staff.click(`main .breadcrumb a[href="${overview}"]`);
    await staff.waitForURL((u) => u.pathname === overview);
    expect(await staff.locator('table.cohorts a', { hasText: 'Sahel cohort 1' }).count() === 1, 'the overview does not list the cohort');

    // The admin takes them off the team, after a confirmation.
    await page.reload();
    await page.click('table.team a[href*="/team/remove?account="]');
    await page.waitForURL(/\/team\/remove\?account=\d+$/);
    expect(await page.locator('main dd', { hasText: accounts.staff.email }).count() === 1, 'the confirmation does not name whom it removes');
    res = await submitForm(page, `form[action="${overview}/team/remove"]`);
    expect(res.status() === 200 && pathOf(page) === `${overview}/team`, `removing ended with ${res.status()}`);
    expect(await page.locator('table.team').count() === 0, 'the team still lists someone');

    await staff.goto(`${url}/programmes`);
    expect(await staff.locator(`main a[href="${overview}"]`).count() === 0, 'the programme is still among the staff member\'s');
    res = await staff.goto(`${url}${overview}/cohorts/new`);
    expect(res.status() === 404, `adding a cohort after leaving the team answered ${res.status()}`);
  } finally {
    await staffContext.close();
  }
}
