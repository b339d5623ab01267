// Staff open the funder's indicator report from the navigation and download
// it (real Chromium): the Excel file is a workbook (a zip with one sheet per
// indicator) and the PDF a PDF. Screenshots of the report in Arabic at 360 px
// and in German at 1280 px go to tests/browser/out/indicator_report/ — look
// at them.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserDir, expect, logIn, pathOf, submitForm } from './lib.mjs';

const outDir = join(browserDir, 'out', 'indicator_report');

export async function staffDownloadTheIndicatorReport({ url, accounts, browser }) {
  await mkdir(outDir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  try {
    await logIn(page, url, accounts.staff);
    await page.goto(`${url}/`);
    await page.click('nav a[href="/reports/indicators"]');
    expect(pathOf(page) === '/reports/indicators', `the report is at ${page.url()}`);
    expect(await page.locator('section[data-indicator]').count() === 3, 'the report does not show three indicators');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.click('main a[href^="/reports/indicators.xlsx"]'),
    ]);
    expect(xlsx.suggestedFilename() === 'indicators.xlsx', `the workbook is called ${xlsx.suggestedFilename()}`);
    const book = await readFile(await xlsx.path());
    expect(book.subarray(0, 2).toString() === 'PK', 'the workbook is not a zip');
    for (const sheet of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml'])
      expect(book.includes(Buffer.from(sheet)), `the workbook has no ${sheet}`);
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.click('main a[href^="/reports/indicators.pdf"]'),
    ]);
    const bytes = await readFile(await pdf.path());
    expect(bytes.subarray(0, 4).toString() === '%PDF', 'the PDF is not a PDF');
    await writeFile(join(outDir, 'report-en.pdf'), bytes);

    // German at 1280 px, Arabic at 360 px.
    await submitForm(page, 'header form.languages', 'button[value="de"]');
    await page.goto(`${url}/reports/indicators`);
    await page.screenshot({ path: join(outDir, 'report-de-1280.png'), fullPage: true });
    await submitForm(page, 'header form.languages', 'button[value="ar"]');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${url}/reports/indicators`);
    expect(await page.getAttribute('html', 'dir') === 'rtl', 'the Arabic report is not right to left');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide <= 360, `the Arabic report is ${wide} px wide at 360 px`);
    await page.screenshot({ path: join(outDir, 'report-ar-360.png'), fullPage: true });
    const arabicPdf = await page.request.get(`${url}/reports/indicators.pdf`);
    expect(arabicPdf.status() === 200, `the Arabic PDF answered ${arabicPdf.status()}`);
    await writeFile(join(outDir, 'report-ar.pdf'), await arabicPdf.body());
    await page.screenshot({ path: join(outDir, 'report-ar-360-top.png') });
    await page.locator('section[data-indicator="participants"] table.figures').screenshot({ path: join(outDir, 'report-ar-360-figures.png') });
    await page.locator('table[data-dimension="gender"]').first().screenshot({ path: join(outDir, 'report-ar-360-gender.png') });
  } finally {
    await context.close();
  }
}
staffDownloadTheIndicatorReport.timeoutMs = 120000;
