// Arabic, right to left: a participant invited in Arabic accepts in Arabic and
// gets a mirrored layout — checked on the markup (lang, dir), on the geometry
// (element boxes at 360 px and 1280 px) and with axe. Screenshots go to
// tests/browser/out/ for a human look.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errorsOn, invite, openInvitation } from './flows.mjs';
import { assertAccessible, browserDir, expect, logIn, pathOf, submitForm, uniqueEmail } from './lib.mjs';

const outDir = join(browserDir, 'out');

// Geometry of the header and the main heading, in CSS pixels.
async function layout(page) {
  return page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top }; };
    const textBox = (el) => { const r = document.createRange(); r.selectNodeContents(el); return box(r); };
    const main = document.querySelector('main');
    const style = getComputedStyle(main);
    const mainBox = main.getBoundingClientRect();
    // On a phone the navigation and tools are folded into the menu: then its
    // button is what sits at the far end.
    const shown = (el) => el && el.checkVisibility() ? el : null;
    const firstLink = shown(document.querySelector('nav .nav li a'));
    const tools = shown(document.querySelector('header .tools')) ?? document.querySelector('header details.menu > summary');
    return {
      viewport: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
      brand: box(document.querySelector('header .brand')),
      header: box(document.querySelector('header.site')),
      firstLink: firstLink && box(firstLink),
      tools: box(tools),
      h1Text: textBox(document.querySelector('main h1')),
      // The values of the profile card: a column, whatever the direction of each value.
      values: [...document.querySelectorAll('main .facts dd')].map((dd) => ({ text: dd.textContent, ...textBox(dd) })),
      mainContent: { left: mainBox.left + parseFloat(style.paddingLeft), right: mainBox.right - parseFloat(style.paddingRight) },
    };
  });
}

function checkMirrored(l, width) {
  const at = `at ${width} px`;
  const f = (x) => x.toFixed(1);
  expect(l.scrollWidth <= l.viewport, `${at} the page scrolls sideways (${l.scrollWidth} > ${l.viewport})`);
  // The brand is the header's first item: in RTL it sits at the right edge
  // (inside the header's 1rem padding), and everything else follows to its left.
  expect(l.viewport - l.brand.right <= 24,
    `${at} the brand ends ${f(l.viewport - l.brand.right)} px before the right edge (expected ≤ 24)`);
  expect(l.brand.left > l.viewport / 2, `${at} the brand starts at ${f(l.brand.left)} px, in the left half`);
  if (l.firstLink) {
    const sameRow = Math.abs(l.firstLink.top - l.brand.top) < 20;
    if (sameRow) {
      expect(l.firstLink.right <= l.brand.left + 1,
        `${at} the first navigation link (${f(l.firstLink.left)}–${f(l.firstLink.right)}) is not left of the brand (${f(l.brand.left)})`);
    } else {
      expect(l.viewport - l.firstLink.right <= 24,
        `${at} the wrapped navigation starts ${f(l.viewport - l.firstLink.right)} px from the right edge`);
    }
  }
  // The language switcher and logout (or the menu holding them) go to the far (left) end.
  expect(l.tools.left <= 24, `${at} the tools start at ${f(l.tools.left)} px, not at the left edge`);
  // Headings are aligned to the start, i.e. the right.
  expect(Math.abs(l.mainContent.right - l.h1Text.right) <= 2,
    `${at} the heading's text ends at ${f(l.h1Text.right)} px, main's content box at ${f(l.mainContent.right)} px`);
  // Values in a left-to-right script (an address, a time zone, a Latin name)
  // keep their own direction but still line up with the others on the right.
  const edge = Math.max(...l.values.map((v) => v.right));
  for (const v of l.values) {
    expect(edge - v.right <= 2, `${at} the value "${v.text}" ends at ${f(v.right)} px, the column at ${f(edge)} px`);
  }
}

export async function arabicInvitationAcceptedInArabicMirrorsTheLayout({ url, accounts, browser, page, mailDir }) {
  await logIn(page, url, accounts.staff);
  const email = uniqueEmail('ar');
  const name = 'ليلى حداد';
  const { mail, link } = await invite(page, mailDir, { name, email, role: 'participant', language: 'ar' });
  // The mail is written for the invitation's language and direction.
  expect(/<div[^>]*dir="rtl"/.test(mail.html ?? '') && /<div[^>]*lang="ar"/.test(mail.html ?? ''),
    'the HTML part of the Arabic invitation is not marked lang="ar" dir="rtl"');
  expect((mail.text ?? '').includes(name), 'the mail does not greet the invitee by name');

  // The invitee's browser asks for English; the invitation is in Arabic.
  const invitee = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 360, height: 740 } });
  try {
    const p = await invitee.newPage();
    await openInvitation(p, link);
    if ((await p.getAttribute('html', 'lang')) !== 'ar') {
      // Not shown in the invitation's language: switch with the header's switcher.
      const back = await submitForm(p, 'header form.languages', 'button[value="ar"]');
      expect(back.status() === 200 && pathOf(p) === new URL(link).pathname,
        `the language switcher led to ${back.status()} ${p.url()}, not back to the invitation`);
    }
    expect(await p.getAttribute('html', 'lang') === 'ar' && await p.getAttribute('html', 'dir') === 'rtl',
      'the accept page is not <html lang="ar" dir="rtl">');
    expect(await p.getAttribute('header form.languages button[value="ar"]', 'aria-current') === 'true',
      'the switcher does not mark العربية as the current language');
    expect(await p.inputValue('#f-name') === name, 'the Arabic name from the invitation is not filled in');
    expect(await p.inputValue('#f-language') === 'ar', 'Arabic is not preselected on the accept form');
    // Addresses and passwords stay left to right inside the RTL form.
    expect(await p.getAttribute('#f-password', 'dir') === 'ltr', 'the password field is not dir="ltr"');
    await assertAccessible(p);
    await p.fill('#f-password', 'كلمة مرور طويلة 2026');
    await p.fill('#f-password_again', 'كلمة مرور طويلة 2026');
    await p.fill('#f-time_zone', 'Asia/Beirut');
    const accepted = await submitForm(p, 'form[action^="/invite/"]');
    expect(accepted.status() === 200 && pathOf(p) === '/',
      `accepting led to ${accepted.status()} ${p.url()}: ${await errorsOn(p)}`);
    expect(await p.locator('header form.logout').count() === 1, 'not signed in after accepting');

    // The Arabic dashboard.
    expect(await p.getAttribute('html', 'lang') === 'ar', `the dashboard is lang="${await p.getAttribute('html', 'lang')}"`);
    expect(await p.getAttribute('html', 'dir') === 'rtl', `the dashboard is dir="${await p.getAttribute('html', 'dir')}"`);
    expect((await p.locator('main h1').textContent()).includes(name), 'the dashboard does not greet the invitee');
    expect(await p.locator('main .flash.ok').count() === 1, 'no welcome message after accepting');
    expect(await p.locator('main dd[dir="ltr"]', { hasText: 'Asia/Beirut' }).count() === 1,
      'the chosen time zone is not on the dashboard');

    await mkdir(outDir, { recursive: true });
    for (const width of [360, 1280]) {
      await p.setViewportSize({ width, height: width === 360 ? 740 : 800 });
      await p.screenshot({ path: join(outDir, `rtl-dashboard-${width}.png`), fullPage: true });
      checkMirrored(await layout(p), width);
      await assertAccessible(p);
    }

    // The same page in English is left to right again: the check above is not vacuous.
    await submitForm(p, 'header form.languages', 'button[value="en"]');
    expect(await p.getAttribute('html', 'dir') === 'ltr', 'switching to English kept dir="rtl"');
    const en = await layout(p);
    expect(en.brand.left <= 24, `in English the brand starts at ${en.brand.left.toFixed(1)} px, not at the left edge`);
  } finally {
    await invitee.close();
  }

  // The inviter switches to Arabic: in the list of invitations, the address
  // (dir="ltr") and the name (dir="auto") line up under their headings.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${url}/invitations`);
  await submitForm(page, 'header form.languages', 'button[value="ar"]');
  expect(pathOf(page) === '/invitations' && await page.getAttribute('html', 'dir') === 'rtl',
    `switching the inviter to العربية led to ${page.url()}`);
  const columns = await page.evaluate(() => {
    const right = (el) => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect().right; };
    const heads = [...document.querySelectorAll('thead th')];
    return [...document.querySelectorAll('tbody tr:first-child td')].slice(0, 3)
      .map((td, i) => ({ text: td.textContent, td: right(td), th: right(heads[i]) }));
  });
  for (const c of columns) {
    expect(Math.abs(c.td - c.th) <= 2, `the cell "${c.text}" ends at ${c.td.toFixed(1)} px, its heading at ${c.th.toFixed(1)} px`);
  }
  await assertAccessible(page);
}
