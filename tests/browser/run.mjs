// Minimal browser test runner: node tests/browser/run.mjs [NAME-FILTER ...]
//
// Imports every tests/browser/*.test.mjs and runs each exported async function,
// one after another, in source order. Every file gets a fresh crm (own SQLite database, own SMTP
// server); every test gets a fresh browser context and page. Prints `ok NAME` or
// `FAIL NAME: error`, then `N passed, M failed`; exits 1 if anything failed.
//
// Each test receives ctx = {url, accounts, crm, smtp, mailDir, browser, context,
// page, dataDir}. Env: CRM_BIN (default build/test/crm), CRM_TEST_TIMEOUT_MS.
// A test that walks many pages says how long it may take: `fn.timeoutMs = …`
// (the larger of that and CRM_TEST_TIMEOUT_MS applies).
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserDir, killAll, launchBrowser, startCrm, startSmtp, tail } from './lib.mjs';

const filters = process.argv.slice(2);
const timeoutMs = Number(process.env.CRM_TEST_TIMEOUT_MS ?? 60000);
const outDir = join(browserDir, 'out'); // screenshots of failures (git-ignored)
let passed = 0;
let failed = 0;

function report(name, error) {
  if (error) {
    failed++;
    console.log(`FAIL ${name}: ${(error?.stack ?? String(error)).replace(/\n/g, '\n    ')}`);
  } else {
    passed++;
    console.log(`ok ${name}`);
  }
}

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`${name} timed out after ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runFile(file, browser) {
  let mod;
  try {
    mod = await import(pathToFileURL(join(browserDir, file)).href);
  } catch (e) {
    report(file, e);
    return;
  }
  // Run in source order (a module namespace lists its exports alphabetically).
  const source = await readFile(join(browserDir, file), 'utf8');
  const at = (name) => { const i = source.search(new RegExp(`export\\s+(async\\s+)?function\\s+${name}\\b`)); return i < 0 ? Infinity : i; };
  const tests = Object.entries(mod)
    .filter(([, fn]) => typeof fn === 'function')
    .sort(([a], [b]) => at(a) - at(b))
    .map(([name, fn]) => [`${file.replace(/\.test\.mjs$/, '')}: ${name}`, fn])
    .filter(([name]) => !filters.length || filters.some((f) => name.includes(f)));
  if (!tests.length) return;

  const failedBefore = failed;
  const dataDir = await mkdtemp(join(tmpdir(), 'crm-browser-'));
  let smtp, crm;
  try {
    try {
      smtp = await startSmtp(join(dataDir, 'mail'));
      crm = await startCrm({ bin: process.env.CRM_BIN, dataDir, smtpUrl: smtp.url });
    } catch (e) {
      for (const [name] of tests) report(name, e); // nothing in this file can run
      return;
    }
    for (const [name, fn] of tests) {
      const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
      context.setDefaultTimeout(15000);
      const page = await context.newPage();
      const ctx = { url: crm.url, accounts: crm.accounts, crm, smtp, mailDir: smtp.dir, browser, context, page, dataDir };
      try {
        await withTimeout(Promise.resolve().then(() => fn(ctx)), Math.max(timeoutMs, fn.timeoutMs ?? 0), name);
        report(name);
      } catch (e) {
        await mkdir(outDir, { recursive: true });
        const shot = join(outDir, `${name.replace(/[^A-Za-z0-9_-]+/g, '_')}.png`);
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        report(name, e);
      } finally {
        await context.close().catch(() => {});
      }
    }
  } finally {
    // crm must shut down cleanly on SIGTERM; a non-zero exit (a sanitizer report,
    // a crash) fails the file, with the end of its log.
    if (crm) {
      const { code, signal } = await crm.stop();
      if (code !== 0) report(`${file}: crm exit`, new Error(`crm exited with ${code ?? signal}:\n${await tail(crm.logFile)}`));
    }
    if (smtp) await smtp.stop();
    if (failed === failedBefore) await rm(dataDir, { recursive: true, force: true });
    else console.log(`# data of ${file} kept in ${dataDir}`);
  }
}

let browser;
try {
  const files = (await readdir(browserDir)).filter((f) => f.endsWith('.test.mjs')).sort();
  browser = await launchBrowser();
  for (const file of files) await runFile(file, browser);
} catch (e) {
  report('runner', e);
} finally {
  await browser?.close().catch(() => {});
  killAll();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
