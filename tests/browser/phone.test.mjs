// A 360 px phone in Arabic: the header is one short row whose menu opens
// without JavaScript, wide tables become cards of labelled values, and chart
// labels keep a readable size. Screenshots go to tests/browser/out/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { browserDir, expect, logIn, submitForm } from './lib.mjs';

const outDir = join(browserDir, 'out');

async function phone(browser, { javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled, locale: 'ar' });
  context.setDefaultTimeout(15000);
  return { context, page: await context.newPage() };
}

async function inArabic(page, url, account) {
  await logIn(page, url, account);
  await submitForm(page, 'header form.languages', 'button[value="ar"]');
  expect(await page.getAttribute('html', 'dir') === 'rtl', 'the page did not turn to Arabic');
}

export async function theHeaderIsOneShortRowWithAMenuThatWorksWithoutJavaScript({ url, accounts, browser }) {
  const { context, page } = await phone(browser, { javaScriptEnabled: false });
  try {
    await inArabic(page, url, accounts.staff);
    const height = await page.evaluate(() => document.querySelector('header.site').getBoundingClientRect().height);
    expect(height <= 60, `the header is ${height} px tall on a 360 px phone (at most 60)`);
    expect(!(await page.locator('header nav a').first().isVisible()), 'the navigation is not folded away');
    await page.click('details.menu > summary');
    expect(await page.locator('header nav a[href="/programme"]').isVisible(), 'the menu did not open without JavaScript');
    expect(await page.locator('header form.logout button').isVisible(), 'logging out is not in the menu');
    await mkdir(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'phone-ar-360-menu.png') });
  } finally {
    await context.close();
  }
}

export async function wideTablesBecomeCardsAndChartsStayReadable({ url, accounts, browser }) {
  const { context, page } = await phone(browser);
  try {
    await inArabic(page, url, accounts.staff);
    await page.goto(`${url}/programme`);
    const cohort = await page.getAttribute('main a[href^="/cohorts/"]', 'href');
    for (const path of [cohort, `${cohort}/parity`]) {
      await page.goto(`${url}${path}`);
      const tables = await page.evaluate(() => [...document.querySelectorAll('main table')].map((t) => ({
        cards: t.hasAttribute('data-cards'),
        width: t.getBoundingClientRect().width,
        // A row group's heading ("Team", "Participants") heads its cards; it is no column's value.
        unlabelled: [...t.querySelectorAll('tbody td, tbody th:not([scope="rowgroup"])')].filter((c) => !c.dataset.label && c.textContent.trim()).length,
        headVisible: t.tHead && t.tHead.getBoundingClientRect().height > 2,
      })));
      expect(tables.length > 0, `${path} has no table`);
      for (const [i, t] of tables.entries()) {
        expect(t.cards, `${path}: table ${i} is not shown as cards`);
        expect(t.width <= 360, `${path}: table ${i} is ${t.width} px wide on a 360 px screen`);
        expect(t.unlabelled === 0, `${path}: table ${i} has ${t.unlabelled} cells without a label`);
        expect(!t.headVisible, `${path}: table ${i} still shows its header row`);
      }
      // Every value of a card is on screen: nothing clipped at the edge.
      const clipped = await page.evaluate(() => [...document.querySelectorAll('main table tbody td')]
        .filter((c) => { const r = c.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > 361); }).length);
      expect(clipped === 0, `${path}: ${clipped} cells reach past the screen's edge`);
      await page.screenshot({ path: join(outDir, `phone-ar-360-${path.endsWith('parity') ? 'parity' : 'cohort'}.png`), fullPage: true });
    }
    const sizes = await page.evaluate(() => [...document.querySelectorAll('svg.chart text')]
      .map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1)));
    expect(sizes.length > 0, 'the parity page has no chart text');
    expect(Math.min(...sizes) >= 12, `chart labels are drawn at ${Math.min(...sizes).toFixed(1)} px on a phone (at least 12)`);
  } finally {
    await context.close();
  }
}
