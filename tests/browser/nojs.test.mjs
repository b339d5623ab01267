// crm needs no JavaScript: with it switched off, people sign in (with and
// without a second factor), switch the language and log out.
import { expect, logIn, logOut, pathOf, submitForm } from './lib.mjs';

async function withoutJs(browser, fn) {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(15000);
  try {
    const page = await context.newPage();
    // Make sure scripts really do not run (playwright's own evaluate still works).
    await page.setContent('<title>off</title><script>document.title = "on"</script>');
    expect(await page.title() === 'off', 'JavaScript is still on');
    await fn(page);
  } finally {
    await context.close();
  }
}

export async function participantSignsInWithoutJavaScript({ url, accounts, browser }) {
  await withoutJs(browser, async (page) => {
    const res = await logIn(page, url, accounts.participant);
    expect(res.status() === 200 && pathOf(page) === '/', `the participant landed on ${res.status()} ${page.url()}`);
    expect(await page.locator('main h1').count() === 1, 'the dashboard has no heading');
    expect(await page.locator('main .facts').count() === 1, 'the dashboard has no profile card');
    expect(await page.locator('header form.logout').count() === 1, 'no logout button');

    // The language switcher is a plain form, too.
    await submitForm(page, 'header form.languages', 'button[value="ar"]');
    expect(pathOf(page) === '/' && await page.getAttribute('html', 'dir') === 'rtl', 'switching to العربية failed');
    await submitForm(page, 'header form.languages', 'button[value="en"]');
    expect(await page.getAttribute('html', 'lang') === 'en', 'switching back to English failed');

    await logOut(page);
    await page.goto(`${url}/account`);
    expect(pathOf(page) === '/login', `after logging out, /account led to ${page.url()}`);
  });
}

export async function staffSignsInWithTwoFactorWithoutJavaScript({ url, accounts, browser }) {
  await withoutJs(browser, async (page) => {
    await logIn(page, url, accounts.staff); // goes through /login/2fa
    expect(pathOf(page) === '/', `staff landed on ${page.url()}`);
    await page.click('nav a[href="/invitations"]');
    await page.waitForURL(/\/invitations$/);
    expect(await page.locator('form[action="/invitations"]').count() === 1, 'no invitation form');
  });
}
