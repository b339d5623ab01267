// crm needs no JavaScript: with it switched off, people sign in (with and
// without a second factor), switch the language and log out, and staff import
// people: the import's page reloads itself while its job runs.
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
    expect(pathOf(page) === '/login?next=%2Faccount', `after logging out, /account led to ${page.url()}`);
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

export async function staffImportPeopleWithoutJavaScript({ url, accounts, browser }) {
  await withoutJs(browser, async (page) => {
    await logIn(page, url, accounts.staff);
    await page.goto(`${url}/cohorts/2/import`);
    // Big enough that the job usually still runs when its page first shows.
    const rows = Array.from({ length: 3000 }, (_, i) => `nojs.${i}@import.example,No Script ${i},SN`);
    await page.setInputFiles('#f-file', {
      name: 'ohne-js.csv', mimeType: 'text/csv', buffer: Buffer.from(['email,name,country', ...rows].join('\n')),
    });
    await submitForm(page, 'form[data-upload]');
    expect(/^\/imports\/\d+$/.test(pathOf(page)), `the upload ended at ${page.url()}`);
    const importPage = pathOf(page);
    await submitForm(page, 'form[action$="/commit"]');
    expect(pathOf(page) === importPage, `the commit ended at ${page.url()}`);
    if (await page.locator('[data-job-state]').count()) {
      // Still running: the page asks the browser to reload it, and offers to stop that.
      expect(await page.locator('head noscript meta[http-equiv="refresh"]').count() === 1, 'the running import does not reload itself');
      expect(await page.locator('main progress').count() === 1, 'no progress bar');
      expect(await page.locator(`main a[href="${importPage}?refresh=off"]`).count() === 1, 'no way to stop the reloading');
    } else {
      console.log('#   (the import was done before its page showed: the reload was not needed)');
    }
    // The browser reloads the page by itself until the job is done.
    await page.locator('[data-committed]').waitFor({ timeout: 60000 });
    expect(await page.locator('head noscript meta[http-equiv="refresh"]').count() === 0, 'the finished import still reloads');
  });
}
