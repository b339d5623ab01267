// Minimal browser test runner: node tests/browser/run.mjs [NAME-FILTER ...]
//
// Imports every tests/browser/*.test.mjs and runs each exported async function,
// one after another, in source order. Every file gets a fresh crm (own SQLite database, own SMTP
// server); every test gets a fresh browser context and page. Prints `ok NAME (seconds)` or
// `FAIL NAME: error`, then `N passed, M failed`; exits 1 if anything failed.
// CRM_BROWSER_JOBS=n runs n files side by side (default 1; one browser for all).
//
// Each test receives ctx = {url, accounts, crm, smtp, mailDir, browser, context,
// page, dataDir}. Env: CRM_BIN (default build/test/crm), CRM_TEST_TIMEOUT_MS.
// A test that walks many pages says how long it may take: `fn.timeoutMs = …`
// (the larger of that and CRM_TEST_TIMEOUT_MS applies).
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserDir, killAll, launchBrowser, makeDemoDatabase, startCrm, startSmtp, tail } from './lib.mjs';

const filters = process.argv.slice(2);
const timeoutMs = Number(process.env.CRM_TEST_TIMEOUT_MS ?? 60000);
const jobs = Math.max(1, Number(process.env.CRM_BROWSER_JOBS ?? 1));
const outDir = join(browserDir, 'out'); // screenshots of failures (git-ignored)
let passed = 0;
let failed = 0;

// Seconds since `start` (a performance.now() value), for the report lines.
const seconds = (start) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

function report(name, error, start) {
  if (error) {
    failed++;
    console.log(`FAIL ${name}: ${(error?.stack ?? String(error)).replace(/\n/g, '\n    ')}`);
  } else {
    passed++;
    console.log(`ok ${name}${start === undefined ? '' : ` (${seconds(start)})`}`);
  }
}

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`${name} timed out after ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runFile(file, browser, template) {
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

  let fileFailed = false;
  const fileReport = (name, error, start) => {
    if (error) fileFailed = true;
    report(name, error, start);
  };
  const fileStart = performance.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'crm-browser-'));
  let smtp, crm;
  try {
    try {
      smtp = await startSmtp(join(dataDir, 'mail'));
      crm = await startCrm({ bin: process.env.CRM_BIN, dataDir, smtpUrl: smtp.url, template });
    } catch (e) {
      for (const [name] of tests) fileReport(name, e); // nothing in this file can run
      return;
    }
    console.log(`# ${file}: crm ready in ${seconds(fileStart)}`);
    for (const [name, fn] of tests) {
      const start = performance.now();
      const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
      context.setDefaultTimeout(15000);
      const page = await context.newPage();
      const ctx = { url: crm.url, accounts: crm.accounts, crm, smtp, mailDir: smtp.dir, browser, context, page, dataDir };
      try {
        await withTimeout(Promise.resolve().then(() => fn(ctx)), Math.max(timeoutMs, fn.timeoutMs ?? 0), name);
        fileReport(name, undefined, start);
      } catch (e) {
        await mkdir(outDir, { recursive: true });
        const shot = join(outDir, `${name.replace(/[^A-Za-z0-9_-]+/g, '_')}.png`);
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        fileReport(name, e);
      } finally {
        await context.close().catch(() => {});
      }
    }
  } finally {
    // crm must shut down cleanly on SIGTERM; a non-zero exit (a sanitizer report,
    // a crash) fails the file, with the end of its log.
    if (crm) {
      const { code, signal } = await crm.stop();
      if (code !== 0) fileReport(`${file}: crm exit`, new Error(`crm exited with ${code ?? signal}:\n${await tail(crm.logFile)}`));
    }
    if (smtp) await smtp.stop();
    if (!fileFailed) await rm(dataDir, { recursive: true, force: true });
    else console.log(`# data of ${file} kept in ${dataDir}`);
    console.log(`# ${file}: ${seconds(fileStart)}`);
  }
}

let browser;
const templateDir = await mkdtemp(join(tmpdir(), 'crm-browser-template-'));
try {
  const files = (await readdir(browserDir)).filter((f) => f.endsWith('.test.mjs')).sort();
  // One demo database; each file starts its own crm on a copy of it.
  const start = performance.now();
  const template = await makeDemoDatabase({ bin: process.env.CRM_BIN, dir: templateDir });
  console.log(`# demo database made in ${seconds(start)}`);
  browser = await launchBrowser();
  // `jobs` workers take the next file from the list until none is left.
  const queue = [...files];
  const worker = async () => { for (let f; (f = queue.shift()) !== undefined;) await runFile(f, browser, template); };
  await Promise.all(Array.from({ length: jobs }, worker));
} catch (e) {
  report('runner', e);
} finally {
  await browser?.close().catch(() => {});
  killAll();
  await rm(templateDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
