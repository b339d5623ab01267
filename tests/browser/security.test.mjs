// What a victim's browser can be led into by a crafted link and one click.
import { expect } from './lib.mjs';

// A link to a path with encoded line breaks; its 404 page carries the
// language form with that path in `next`. Before the fix, the switcher wrote
// it into the Location header and the browser took the forged Set-Cookie
// lines (here: the attacker's session).
export async function languageButtonOnACraftedPathSetsNoCookie({ url, page, context }) {
  const crafted = `${url}/x%0d%0aSet-Cookie:%20crm_session=attacker%0d%0aSet-Cookie:%20crm_injected=1`;
  const res = await page.goto(crafted);
  expect(res.status() === 404, `the crafted path answered ${res.status()}`);
  const [after] = await Promise.all([
    page.waitForNavigation(),
    page.locator('form.languages button[value="de"]').click(),
  ]);
  const cookies = await context.cookies();
  const list = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  expect(!cookies.some((c) => c.name === 'crm_session'), `a session cookie was set: ${list}`);
  expect(!cookies.some((c) => c.name === 'crm_injected'), `a forged cookie was set: ${list}`);
  expect(cookies.some((c) => c.name === 'crm_lang' && c.value === 'de'), `no language cookie: ${list}`);
  // Back on the same (missing) page of crm, now in German.
  expect(new URL(page.url()).origin === new URL(url).origin, `the switcher led to ${page.url()}`);
  expect(after.status() === 404, `the page after switching answered ${after.status()}`);
  expect((await page.locator('html').getAttribute('lang')) === 'de', 'the page is not in German');
}
