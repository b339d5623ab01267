// Helpers for the browser tests: ports, the test SMTP server, mail decoding, a
// throwaway crm, TOTP codes, Chromium and axe. Plain node + playwright-core; no
// test framework, so the whole suite stays readable in one sitting.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const browserDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(browserDir, '..', '..');

// Never let playwright download a browser of its own: we drive Debian's chromium.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

// ---------------------------------------------------------------------------
// Child processes. Every process started here is tracked, so a failing test,
// Ctrl-C or an uncaught error never leaves a crm or SMTP server behind.
const children = new Set();

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Kills every process started by these helpers (synchronously, with SIGKILL). */
export function killAll() {
  for (const child of children) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
  children.clear();
}
process.once('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => { killAll(); process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)); });
}

/** Resolves with {code, signal} when the child exits (at once if it already has). */
function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
}

/** SIGTERM, then SIGKILL if the process has not exited after graceMs. */
async function terminate(child, graceMs = 10000) {
  if (child.exitCode !== null || child.signalCode !== null) return exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try { return await exited(child); } finally { clearTimeout(timer); }
}

// ---------------------------------------------------------------------------
/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Waits until `line` appears on the child's stdout (or it exits, or time runs out). */
function waitForLine(child, predicate, timeoutMs, what) {
  return new Promise((res, rej) => {
    let buf = '';
    const onData = (d) => {
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop();
      if (lines.some((l) => predicate(l.trim()))) { done(); res(); }
    };
    const onExit = (code, signal) => { done(); rej(new Error(`${what} exited (code ${code}, signal ${signal}) before it was ready`)); };
    const timer = setTimeout(() => { done(); rej(new Error(`${what} not ready after ${timeoutMs} ms`)); }, timeoutMs);
    function done() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    }
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

// ---------------------------------------------------------------------------
// Mail

/**
 * Starts tests/smtp_server.py on a free port; it writes one NNNNNN.eml file per
 * message into `dir`. rejectRecipients (a regex source) makes it refuse matching
 * recipients with 550. Returns {port, url, dir, stop()}.
 */
export async function startSmtp(dir, { rejectRecipients } = {}) {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const args = [join(repoRoot, 'tests', 'smtp_server.py'), String(port), dir];
  if (rejectRecipients) args.push('--reject-recipients', rejectRecipients);
  // Debian's python3 explicitly: it is the one with python3-aiosmtpd, whatever PATH says.
  const child = track(spawn('/usr/bin/python3', args, {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'],
  }));
  try {
    await waitForLine(child, (l) => l === 'ready', 15000, 'smtp_server.py');
  } catch (e) {
    await terminate(child, 2000);
    throw e;
  }
  child.stdout.resume(); // keep draining so the server never blocks on a full pipe
  return {
    port, dir, url: `smtp://127.0.0.1:${port}`,
    stop: () => terminate(child, 5000),
  };
}

/** All mails in `dir`, oldest first, decoded; each also has {file, raw}. */
export async function readMails(dir) {
  let names = [];
  try { names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort(); } catch { return []; }
  const mails = [];
  for (const file of names) {
    const raw = await readFile(join(dir, file));
    mails.push({ ...decodeMail(raw), file, raw: raw.toString('utf8') });
  }
  return mails;
}

/**
 * Polls `dir` until a mail matches `predicate(mail)` (mail = decodeMail(...) plus
 * {file, raw}); returns it. Mail is sent from crm's job queue, hence the wait.
 */
export async function waitForMail(dir, predicate = () => true, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const mail of await readMails(dir)) {
      if (await predicate(mail)) return mail;
    }
    if (Date.now() > deadline) {
      const seen = (await readMails(dir)).map((m) => `${m.headers.to} | ${m.headers.subject}`);
      throw new Error(`no matching mail in ${dir} after ${timeoutMs} ms; seen: ${JSON.stringify(seen)}`);
    }
    await sleep(100);
  }
}

// Splits "headers\r\n\r\nbody" of a (binary) message part.
function splitPart(buf) {
  const s = buf.toString('latin1'); // 1 byte = 1 char, so indexes match the buffer
  const m = /\r?\n\r?\n/.exec(s);
  const headText = m ? s.slice(0, m.index) : s;
  const body = m ? buf.subarray(m.index + m[0].length) : Buffer.alloc(0);
  const headers = {};
  for (const line of headText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = decodeWords(Buffer.from(line.slice(i + 1).trim(), 'latin1').toString('utf8'));
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { headers, body };
}

// Content-Type: type/subtype; a=b; c="d"  ->  {type, params}
function parseContentType(value = 'text/plain') {
  const [type, ...rest] = value.split(';');
  const params = {};
  for (const p of rest) {
    const m = /^\s*([^=\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]*))/.exec(p);
    if (m) params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeQuotedPrintable(buf) {
  const s = buf.toString('latin1').replace(/=\r?\n/g, ''); // soft line breaks
  const out = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(s.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(out);
}

function decodeTransfer(body, encoding = '7bit') {
  switch (encoding.trim().toLowerCase()) {
    case 'base64': return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable': return decodeQuotedPrintable(body);
    default: return body;
  }
}

function toText(bytes, charset = 'utf-8') {
  try { return new TextDecoder(charset).decode(bytes); } catch { return bytes.toString('utf8'); }
}

// RFC 2047 encoded words in headers: =?UTF-8?B?...?= and =?UTF-8?Q?...?=
function decodeWords(value) {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1') // whitespace between words is dropped
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, text) => {
      const bytes = enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : decodeQuotedPrintable(Buffer.from(text.replace(/_/g, ' '), 'latin1'));
      return toText(bytes, charset);
    });
}

// Walks a MIME tree; the first text/plain and text/html leaves win.
function walkPart(buf, result) {
  const { headers, body } = splitPart(buf);
  const { type, params } = parseContentType(headers['content-type']);
  if (type.startsWith('multipart/') && params.boundary) {
    const delim = `--${params.boundary}`;
    const s = body.toString('latin1');
    let pos = s.indexOf(delim);
    while (pos !== -1) {
      let start = pos + delim.length;
      if (s.startsWith('--', start)) break; // closing delimiter
      start = s.indexOf('\n', start) + 1;
      let next = s.indexOf(`\n${delim}`, start);
      if (next === -1) next = s.length;
      const end = next > 0 && s[next - 1] === '\r' ? next - 1 : next;
      walkPart(body.subarray(start, end), result);
      pos = next === s.length ? -1 : next + 1;
    }
    return headers;
  }
  const text = toText(decodeTransfer(body, headers['content-transfer-encoding']), params.charset);
  if (type === 'text/html') result.html ??= text;
  else if (type === 'text/plain' || type === '') result.text ??= text;
  else result.attachments.push({ type, headers, content: decodeTransfer(body, headers['content-transfer-encoding']) });
  return headers;
}

/**
 * Decodes a raw RFC 5322 message (string or Buffer): quoted-printable and base64
 * bodies, multipart/alternative and /mixed, RFC 2047 headers.
 * Returns {headers (lower-case names), text, html, attachments}.
 */
export function decodeMail(raw) {
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
  const result = { text: null, html: null, attachments: [] };
  const headers = walkPart(buf, result);
  return { headers, text: result.text, html: result.html, attachments: result.attachments };
}

/** The first http(s) link in a mail's text (or html) that matches `pattern`. */
export function findLink(mail, pattern = /./) {
  const links = `${mail.text ?? ''}\n${mail.html ?? ''}`.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
  const link = links.map((l) => l.replace(/&amp;/g, '&')).find((l) => pattern.test(l));
  if (!link) throw new Error(`no link matching ${pattern} in mail "${mail.headers.subject}"`);
  return link;
}

// ---------------------------------------------------------------------------
// crm

function runChecked(bin, args, what) {
  const r = spawnSync(bin, args, { cwd: repoRoot, encoding: 'utf8', timeout: 120000 });
  if (r.error) throw new Error(`${what}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${what} exited with ${r.status ?? r.signal}:\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
}

/** Parses `demo-account ROLE EMAIL PASSWORD [TOTP-SECRET]` lines into {ROLE: {...}}. */
export function parseDemoAccounts(output) {
  const accounts = {};
  for (const line of output.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'demo-account' || f.length < 4) continue;
    const [, role, email, password, totpSecret = null] = f;
    accounts[role] ??= { role, email, password, totpSecret };
  }
  return accounts;
}

/**
 * A migrated SQLite database with demo data in `dir`: {file, accounts}. The
 * runner makes it once and every test file starts from a copy (startCrm's
 * `template`): `crm demo` under the sanitizers takes seconds, a copy does not.
 */
export async function makeDemoDatabase({ bin = process.env.CRM_BIN ?? 'build/test/crm', dir } = {}) {
  bin = resolve(repoRoot, bin);
  if (!existsSync(bin)) throw new Error(`crm binary not found: ${bin} (set CRM_BIN)`);
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'crm.db');
  runChecked(bin, ['migrate', '--database', `sqlite:${file}`], 'crm migrate');
  const accounts = parseDemoAccounts(runChecked(bin, ['demo', '--database', `sqlite:${file}`], 'crm demo'));
  return { file, accounts };
}

/**
 * Starts a fresh crm on an SQLite database in `dataDir`: a copy of `template`
 * (makeDemoDatabase) when given, else migrate and demo data; then serve.
 * Returns {url, port, accounts, logFile, stop()}; stop() resolves with {code, signal}.
 */
export async function startCrm({ bin = process.env.CRM_BIN ?? 'build/test/crm', dataDir, smtpUrl, port, template } = {}) {
  bin = resolve(repoRoot, bin);
  if (!existsSync(bin)) throw new Error(`crm binary not found: ${bin} (set CRM_BIN)`);
  await mkdir(dataDir, { recursive: true });
  port ??= await freePort();
  const database = `sqlite:${join(dataDir, 'crm.db')}`;
  let accounts;
  if (template) {
    // crm demo has exited, so its write-ahead log is folded into the file.
    await copyFile(template.file, join(dataDir, 'crm.db'));
    accounts = structuredClone(template.accounts);
  } else {
    const made = await makeDemoDatabase({ bin, dir: dataDir });
    accounts = made.accounts;
  }

  const url = `http://127.0.0.1:${port}`;
  const args = ['serve', '--listen', `127.0.0.1:${port}`, '--database', database, '--base-url', url];
  if (smtpUrl) args.push('--smtp-url', smtpUrl);
  const logFile = join(dataDir, 'crm.log');
  const log = createWriteStream(logFile);
  const child = track(spawn(bin, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const logClosed = new Promise((res) => log.once('close', res));

  const stop = async () => {
    const status = await terminate(child);
    await logClosed;
    return status;
  };

  // Ready when /healthz answers 200. Sanitizer builds start slowly: allow 60 s.
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await logClosed;
      throw new Error(`crm serve exited early (${child.exitCode ?? child.signalCode}):\n${await tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`crm did not answer /healthz within 60 s:\n${await tail(logFile)}`);
    }
    await sleep(100);
  }
  return { url, port, accounts, logFile, database, stop };
}

/** The last lines of a file, for error messages. */
export async function tail(file, lines = 40) {
  try { return (await readFile(file, 'utf8')).split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

// ---------------------------------------------------------------------------
// TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30 s steps)

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const c of s.toUpperCase().replace(/[\s=-]/g, '')) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`bad base32 character ${JSON.stringify(c)}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

/** The TOTP code for `secret` (base32) at `time` (seconds since the epoch; default now). */
export function totp(secret, time = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 30)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(code).padStart(6, '0');
}

// ---------------------------------------------------------------------------
// Browser

/** Debian's Chromium, headless, without any network chatter of its own. */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

let axeSource;
/**
 * Runs axe-core on the page; returns the serious and critical violations as
 * [{id, impact, help, targets}]. crm's CSP forbids inline scripts, so axe is not
 * added as a <script>: page.evaluate goes through the DevTools protocol, which CSP
 * does not govern.
 */
export async function runAxe(page, options = {}) {
  axeSource ??= await readFile(join(browserDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe === "object"'))) {
    await page.evaluate(`${axeSource}\n;void 0`);
  }
  const results = await page.evaluate(
    (opts) => window.axe.run(document, { resultTypes: ['violations'], ...opts }), options);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Throws with a readable list when runAxe finds serious/critical violations. */
export async function assertAccessible(page, options) {
  const violations = await runAxe(page, options);
  if (violations.length) {
    const list = violations.map((v) => `  ${v.impact} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`);
    throw new Error(`axe on ${page.url()}:\n${list.join('\n')}`);
  }
}

/** A small assertion helper, so tests read as plain code. */
export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------
// Signing in

/** The 30-second TOTP step that `time` (seconds since the epoch) falls in. */
export function totpStep(time = Date.now() / 1000) {
  return Math.floor(time / 30);
}

const usedSteps = new Map(); // `${scope} ${secret}` -> last step handed out

/**
 * A TOTP code that crm accepts now and that is not a replay: crm takes the
 * steps now-1 .. now+1 but refuses any step at or below the last one used, so
 * a second sign-in within 30 s needs the next step's code (and a third one has
 * to wait for the clock). `scope` keeps separate crm instances apart (use the
 * crm's url): each has its own record of used steps.
 */
export async function freshTotp(secret, scope = '') {
  const key = `${scope} ${secret}`;
  const step = Math.max(totpStep(), (usedSteps.get(key) ?? -1) + 1);
  while (step > totpStep() + 1) await sleep(250);
  usedSteps.set(key, step);
  return totp(secret, step * 30);
}

/**
 * Clicks the submit button of the form matching `formSelector` (or the given
 * button locator) and waits for the page that follows; returns its response
 * (the last one, after redirects).
 */
export async function submitForm(page, formSelector, buttonSelector = 'button[type=submit]') {
  const button = page.locator(`${formSelector} ${buttonSelector}`).first();
  // On a phone the header's forms sit in the folded menu: open it first, as a person would.
  if (await button.count() && !(await button.isVisible())
      && await button.evaluate((b) => !!b.closest('details.menu:not([open])'))) {
    await page.locator('details.menu > summary').click();
  }
  const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
  return response;
}

/** The path (and query) of the page's current URL. */
export function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

// The session cookie of each account on each crm, once it has signed in
// through the form: a second sign-in of an account with a second factor within
// 30 s has to wait for the next TOTP step, and a file's tests sign staff in
// dozens of times (the a11y and walk files spent most of their 15 minutes each
// waiting for the clock).
const sessionCookies = new Map(); // `${url} ${email}` -> cookie

/**
 * Signs `account` ({email, password, totpSecret}) in: with the session this
 * account already has on this crm when it is still valid (it is not after a
 * sign-out), else through the login form and the second step if crm asks for
 * it. Returns the response of the last page. `{form: true}` always uses the form.
 */
export async function logIn(page, url, account, { form = false } = {}) {
  const key = `${url} ${account.email}`;
  if (!form && sessionCookies.has(key)) {
    await page.context().addCookies([sessionCookies.get(key)]);
    await page.goto(`${url}/account`);
    if (pathOf(page) === '/account') return page.goto(`${url}/`);
    sessionCookies.delete(key); // signed out since: the form sets a new one
  }
  const res = await logInWithForm(page, url, account);
  const cookie = (await page.context().cookies(url)).find((c) => c.name === 'crm_session');
  if (cookie) sessionCookies.set(key, cookie);
  return res;
}

async function logInWithForm(page, url, account) {
  await page.goto(`${url}/login`);
  await page.fill('#f-email', account.email);
  await page.fill('#f-password', account.password);
  let res = await submitForm(page, 'form[action="/login"]');
  if (pathOf(page) === '/login/2fa') {
    expect(account.totpSecret, `${account.email}: crm asks for a code, but the account has no TOTP secret`);
    await page.fill('#f-code', await freshTotp(account.totpSecret, url));
    res = await submitForm(page, 'form[action="/login/2fa"]');
  }
  expect(res?.status() === 200, `logging in ${account.email} ended with ${res?.status()} at ${page.url()}`);
  return res;
}

/** Logs out with the header's button; waits for the login page. */
export async function logOut(page) {
  const res = await submitForm(page, 'header form.logout');
  expect(pathOf(page) === '/login', `after logging out the browser is at ${page.url()}, expected /login`);
  return res;
}

let mailCounter = 0;
/** A unique address for a new invitee. */
export function uniqueEmail(prefix = 'new') {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++mailCounter}@example.org`;
}
