// Staff import people into a cohort from a CSV file (issue 3, §6; issue 9,
// §5): the demo staff (German UI, second factor) upload a file with three
// good rows and a bad one, see the problem on row 4 with its value, upload
// the fixed file, read every new person in the preview, the warning that the
// cohort goes over its places and the organisation crm already has under a
// similar name, choose it, import (a job whose page shows its progress), and
// find the people on the cohort page and in the programme's cohort sizes.
// Screenshots of the preview (1280 px German, 360 px Arabic) go to out/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errorsOn } from './flows.mjs';
import { assertAccessible, browserDir, expect, logIn, pathOf, submitForm } from './lib.mjs';

const header = 'email;name;name_latin;country;organisation;organisation_type;status';
const goodRows = [
  'hana.saleh@import.example;هناء صالح;Hana Saleh;JO;"مؤسسة نهر الأردن";ngo;participant',
  'marco.bruno@import.example;Marco Bruno;;IT;Comune di Bologna;authority;participant',
  'deniz.acar@import.example;Deniz Acar;;TR;;;',
];
const badRow = 'yusuf.demir@import.example;Yusuf Demir;;TX;;;participant'; // TX: no such country
const fixedRow = 'yusuf.demir@import.example;Yusuf Demir;;TR;;;participant';
// An applicant (takes no place) whose organisation crm has as "Caritasverband München".
const caritasRow = 'lena.huber@import.example;Lena Huber;;DE;Caritas München;ngo;';

const csv = (rows) => Buffer.from(`\ufeff${[header, ...rows].join('\r\n')}\r\n`, 'utf8');

async function upload(page, name, rows) {
  await page.setInputFiles('#f-file', { name, mimeType: 'text/csv', buffer: csv(rows) });
  const res = await submitForm(page, 'form[data-upload]');
  expect(res.status() === 200 && /^\/imports\/\d+$/.test(pathOf(page)),
    `uploading ${name} ended with ${res.status()} at ${page.url()}: ${await errorsOn(page)}`);
}

// The size column of cohort 3 on the programme overview ("24 Teilnehmende").
async function cohortSize(page, url) {
  await page.goto(`${url}/programme`);
  const cell = page.locator('table.cohorts tbody tr', { has: page.locator('a[href="/cohorts/3"]') })
    .locator('td').last();
  return Number((await cell.textContent()).replace(/\D/g, ''));
}

export async function staffImportPeopleFromCsv({ url, accounts, page }) {
  await logIn(page, url, accounts.staff);
  const sizeBefore = await cohortSize(page, url);

  await page.goto(`${url}/cohorts/3`);
  await page.click('main a[href="/cohorts/3/import"]');
  await page.waitForURL(/\/cohorts\/3\/import$/);
  expect(await page.locator('html').getAttribute('lang') === 'de', 'the demo staff read German');
  expect(await page.locator('form[data-upload] progress').count() === 1, 'the form has a progress bar');

  // Three good rows and a bad one: the problem is shown on row 4, column country.
  await upload(page, 'kohorte-3.csv', [...goodRows, badRow]);
  const problem = page.locator('tr[data-row="4"][data-column="country"]');
  expect(await problem.count() === 1, `no problem shown for row 4, country: ${await page.locator('main').textContent()}`);
  expect(await page.locator('tr[data-column]').count() === 1, 'only row 4 has a problem');
  expect((await problem.locator('[data-value]').textContent()).trim() === 'TX', 'the bad value is shown next to its problem');
  expect((await page.locator('[data-count="new"]').textContent()).includes('3'), 'only the three good rows count as new people');
  expect(await page.locator('form[action$="/commit"]').count() === 0, 'a file with problems cannot be imported');
  expect((await page.locator('main .filename').textContent()) === 'kohorte-3.csv', 'the preview names the file');

  // The fixed file: no problems, four new people, and the import.
  await page.click('main a[href="/cohorts/3/import"]');
  await page.waitForURL(/\/cohorts\/3\/import$/);
  await upload(page, 'kohorte-3-korrigiert.csv', [...goodRows, fixedRow, caritasRow]);
  expect(await page.locator('tr[data-column]').count() === 0, `the fixed file still has problems: ${await errorsOn(page)}`);
  expect((await page.locator('[data-count="new"]').textContent()).includes('5'), 'five new people');
  expect(await page.locator('tr[data-action="new"]').count() === 5, 'every new person is listed');
  const marco = await page.locator('tr[data-action="new"]', { hasText: 'marco.bruno@import.example' }).textContent();
  expect(marco.includes('Comune di Bologna') && marco.includes('Italien'), `Marco's row lacks his values: ${marco}`);
  // 24 places, 24 taking part, three more participants: said, and staff may go on.
  const warning = page.locator('[data-over-capacity]');
  expect(await warning.count() === 1 && (await warning.textContent()).includes('27'), 'no warning that the cohort has 27 people for 24 places');
  // Caritas München: crm has Caritasverband München; staff choose it.
  const choice = page.locator('fieldset[data-choice="DE|Caritas München"]');
  expect(await choice.count() === 1, 'no choice offered for Caritas München');
  await choice.locator('label', { hasText: 'Caritasverband München' }).click();
  expect(await page.locator('form[data-upload]').count() === 0, 'still on the upload form');

  await assertAccessible(page);
  await mkdir(join(browserDir, 'out'), { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(browserDir, 'out', 'import-preview-de-1280.png'), fullPage: true });
  const res = await submitForm(page, 'form[action$="/commit"]');
  const importPage = pathOf(page);
  expect(res.status() === 200 && /^\/imports\/\d+$/.test(importPage), `the import ended at ${page.url()}`);
  // The commit runs as a job: its page shows the progress (polling it) until
  // the job is done, and then that the people were imported.
  await page.locator('[data-committed]').waitFor({ timeout: 30000 });
  expect(pathOf(page) === importPage, `the import page moved to ${page.url()}`);

  for (const [country, name] of [['JO', 'هناء صالح'], ['IT', 'Marco Bruno'], ['TR', 'Deniz Acar'], ['TR', 'Yusuf Demir']]) {
    await page.goto(`${url}/cohorts/3?country=${country}`);
    const text = await page.locator('main table.members').textContent();
    expect(text.includes(name), `${name} is not on the cohort page filtered by ${country}`);
  }
  // Three of them are participants (Deniz Acar is an applicant): the cohort grew by three.
  const sizeAfter = await cohortSize(page, url);
  expect(sizeAfter === sizeBefore + 3, `cohort 3 has ${sizeAfter} participants, expected ${sizeBefore + 3}`);

  // Lena Huber is in Caritasverband München: no second Caritas was created.
  await page.goto(`${url}/cohorts/3?country=DE&status=applicant`);
  const lena = await page.locator('main table.members tr', { hasText: 'Lena Huber' }).textContent();
  expect(lena.includes('Caritasverband München'), `Lena Huber's organisation: ${lena}`);

  // The parity view, where it exists (built alongside): the new country counts show there.
  const parity = await page.goto(`${url}/cohorts/3/parity`);
  if (parity.status() === 200) {
    expect((await page.locator('main').textContent()).length > 0, 'the parity view is empty');
  }
}

// The preview on a phone in Arabic, with the template link on the upload form.
export async function importPreviewOnAPhoneInArabic({ url, accounts, page }) {
  await page.setViewportSize({ width: 360, height: 800 });
  await logIn(page, url, accounts.staff);
  await page.goto(`${url}/cohorts/4/import`);
  await submitForm(page, 'header form.languages', 'button[value="ar"]');
  expect(await page.locator('html').getAttribute('dir') === 'rtl', 'the page is not right to left');
  expect(await page.locator('main a[href$="/import/template.csv"]').count() === 1, 'no template to download');
  await upload(page, 'cohort-4.csv', [...goodRows, badRow, caritasRow]);
  expect(await page.locator('tr[data-row="4"][data-column="country"] [data-value]').count() === 1, 'the bad value is not shown');
  await page.click('main a[href="/cohorts/4/import"]');
  await upload(page, 'cohort-4-fixed.csv', [...goodRows, fixedRow, caritasRow]);
  expect(await page.locator('fieldset[data-choice] input[type=radio]').count() >= 2, 'no organisation to choose');
  await assertAccessible(page);
  // Importing without choosing: the error is at the top, linked to the choices, and nothing is imported.
  await page.evaluate(() => document.querySelectorAll('fieldset[data-choice] input').forEach((i) => i.removeAttribute('required')));
  const refused = await submitForm(page, 'form[action$="/commit"]');
  expect(refused.status() === 422, `importing without a choice answered ${refused.status()}`);
  expect(await page.locator('[data-error="organisations"] a[href="#organisations"]').count() === 1, 'no error linked to the choices');
  expect(await page.locator('fieldset.invalid').count() >= 1, 'the unanswered choice is not marked');
  await assertAccessible(page);
  await mkdir(join(browserDir, 'out'), { recursive: true });
  await page.screenshot({ path: join(browserDir, 'out', 'import-preview-ar-360.png'), fullPage: true });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide <= 360, `the preview is ${wide} px wide on a 360 px screen`);
}
