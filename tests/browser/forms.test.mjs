// The privacy pages and a failed save as a participant meets them on a 360 px
// phone in Arabic and on a 1280 px laptop in German: every checkbox sits on
// one line with its label, the "Your data" values are never squeezed to
// nothing, and after a failed save the error summary is on the first screen
// and focused. Saves a screenshot of each page in tests/browser/out/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { browserDir, expect, logIn } from './lib.mjs';

const outDir = join(browserDir, 'out');

// Each checkbox or radio and its label: on one line (the label starts beside
// the box, not under it).
async function checksOnOneLine(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const input of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
      const label = input.id && document.querySelector(`label[for="${input.id}"]`);
      if (!label) { bad.push(`${input.id || input.name}: no label`); continue; }
      const b = input.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(label);
      const first = range.getClientRects()[0] ?? label.getBoundingClientRect();
      if (first.top >= b.bottom || first.bottom <= b.top) bad.push(`${input.id}: label below or above the box`);
      if (b.width > 40) bad.push(`${input.id}: the box is ${Math.round(b.width)} px wide`);
    }
    return bad;
  });
}

async function narrowValues(page) {
  return page.evaluate(() => [...document.querySelectorAll('dd')]
    .filter((dd) => dd.textContent.trim() && dd.getBoundingClientRect().width < 60)
    .map((dd) => `${dd.previousElementSibling?.textContent}: ${Math.round(dd.getBoundingClientRect().width)} px`));
}

export async function privacyPagesOnAPhoneInArabicAndALaptopInGerman({ url, accounts, page }) {
  await mkdir(outDir, { recursive: true });
  await logIn(page, url, accounts.participant);
  for (const [width, language] of [[360, 'ar'], [1280, 'de']]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${url}/profile`);
    if ((await page.getAttribute('html', 'lang')) !== language) {
      await Promise.all([page.waitForNavigation(), page.click(`header button[name=language][value=${language}]`)]);
    }
    expect((await page.getAttribute('html', 'lang')) === language, `the profile is not in ${language}`);
    const checks = await checksOnOneLine(page);
    expect(checks.length === 0, `${language} ${width}px /profile: ${checks.join('; ')}`);
    expect(await page.locator('input[type=checkbox]').count() >= 7, 'the visibility checkboxes are missing');
    await page.screenshot({ path: join(outDir, `forms-profile-${language}-${width}.png`), fullPage: true });

    await page.goto(`${url}/profile/data`);
    const narrow = await narrowValues(page);
    expect(narrow.length === 0, `${language} ${width}px /profile/data values squeezed: ${narrow.join('; ')}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide <= width, `${language} /profile/data is ${wide} px wide in a ${width} px window`);
    await page.screenshot({ path: join(outDir, `forms-data-${language}-${width}.png`), fullPage: true });

    // A failed save: the summary on the first screen, focused, "Error" in the title.
    await page.goto(`${url}/profile`);
    const typedPosition = `Case worker ${width}`;
    await page.fill('#f-position', typedPosition);
    await page.selectOption('#f-country', '');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/profile"] button[type=submit]')]);
    const summary = page.locator('#error-summary');
    expect(await summary.count() === 1, `${language}: no error summary after a failed save`);
    const box = await summary.boundingBox();
    expect(box && box.y + box.height <= 800, `${language} ${width}px: the summary is not on the first screen (${JSON.stringify(box)})`);
    expect(await page.evaluate(() => document.activeElement?.id) === 'error-summary', `${language}: the summary is not focused`);
    const title = await page.title();
    expect(/^(Error|Fehler|Erreur|خطأ)/.test(title), `${language}: the title "${title}" does not say Error`);
    expect(await page.inputValue('#f-position') === typedPosition, 'what was typed is gone');
    await page.screenshot({ path: join(outDir, `forms-profile-error-${language}-${width}.png`) });
    // The link leads to the field.
    await summary.locator('a[href="#f-country"]').click();
    expect(await page.evaluate(() => location.hash) === '#f-country', 'the summary link does not lead to the field');
  }
}
