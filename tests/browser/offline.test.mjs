// Reading offline (issue 14 §6): on a 360 px phone in Arabic a participant
// opens a thread of their cohort's space; without a connection the same
// thread is still readable and says it is an offline copy with the time it
// was saved; a page never opened is not there; after signing out nothing is
// kept, so the next person on the device reads nothing of theirs.
import { expect, logIn, logOut, submitForm } from './lib.mjs';

export async function aThreadOpenedOnlineIsReadableOfflineAndForgottenAtSignOut({ url, accounts, browser }) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'ar' });
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  try {
    await logIn(page, url, accounts.participant);
    await submitForm(page, 'header form.languages', 'button[value="ar"]');
    await page.goto(`${url}/spaces`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const hrefs = (selector) => page.$$eval(selector, (as) => as.map((a) => a.getAttribute('href')));
    const spaceHref = (await hrefs('main a[href^="/spaces/"]')).find((h) => /^\/spaces\/\d+$/.test(h));
    expect(spaceHref, 'the participant has no space to open');
    await page.goto(url + spaceHref);
    const threads = [...new Set((await hrefs('main a[href^="/threads/"]')).map((h) => h.replace(/[?#].*$/, '')))];
    expect(threads.length >= 2, `the space ${spaceHref} lists fewer than two threads`);
    const [opened, notOpened] = threads;
    await page.goto(url + opened);
    const heading = (await page.locator('main h1').textContent()).trim();
    const firstPost = (await page.locator('main article').first().textContent()).trim();
    expect(await page.locator('#offline-note').isHidden(), 'the offline note shows on a page read online');

    await context.setOffline(true);
    await page.goto(url + opened);
    expect((await page.locator('main h1').textContent()).trim() === heading, 'offline, the thread is not the one opened');
    expect((await page.locator('main article').first().textContent()).trim() === firstPost,
      'offline, the thread does not show its posts');
    expect(await page.locator('#offline-note').isVisible(), 'the offline copy does not say it is one');
    expect((await page.locator('#offline-note time').textContent()).trim() !== '',
      'the offline note does not say when the copy was saved');
    expect(await page.getAttribute('html', 'dir') === 'rtl', 'the offline copy is not right to left');
    let reached = true;
    try { await page.goto(url + notOpened); } catch { reached = false; }
    expect(!reached, `offline, ${notOpened} (never opened) was shown`);

    await context.setOffline(false);
    await page.goto(url + opened);
    await logOut(page);
    const kept = await page.evaluate(async () => (await caches.keys()).length);
    expect(kept === 0, `after signing out ${kept} offline caches are left`);
    await context.setOffline(true);
    let shown = true;
    try { await page.goto(url + opened); } catch { shown = false; }
    expect(!shown, 'after signing out the thread is still readable offline on this device');
  } finally {
    await context.close();
  }
}
aThreadOpenedOnlineIsReadableOfflineAndForgottenAtSignOut.timeoutMs = 120000;
