// Steps several browser tests share (not a test file: run.mjs only runs *.test.mjs).
import { expect, findLink, pathOf, submitForm, waitForMail } from './lib.mjs';

// Sends an invitation from the /invitations page (the page must be signed in as
// someone who may invite); returns the link from the mail.
export async function invite(page, mailDir, { name, email, role, language }) {
  await page.click('nav a[href="/invitations"]');
  await page.waitForURL(/\/invitations$/);
  await page.fill('#f-name', name);
  await page.fill('#f-email', email);
  await page.selectOption('#f-role', role);
  await page.selectOption('#f-language', language);
  const res = await submitForm(page, 'form[action="/invitations"]');
  expect(res.status() === 200 && pathOf(page) === '/invitations',
    `sending the invitation ended with ${res.status()} at ${page.url()}: ${await errorsOn(page)}`);
  const flash = await page.locator('main .flash.ok').textContent();
  expect(flash.includes(email), `the confirmation "${flash}" does not name ${email}`);
  const row = page.locator('tbody tr', { hasText: email });
  expect(await row.count() === 1, `the list of invitations has no row for ${email}`);

  const mail = await waitForMail(mailDir, (m) => (m.headers.to ?? '').includes(email));
  return { mail, link: findLink(mail, /\/invit/) };
}

// Opens an invitation link and checks that it leads to the form for accepting it.
export async function openInvitation(page, link) {
  const res = await page.goto(link);
  const path = new URL(link).pathname;
  expect(res.status() === 200 && await page.locator('form[action^="/invite/"]').count() === 1,
    `the invitation link ${path} answered ${res.status()} without the form to accept it ` +
    '(the accept page is GET /invite/{token})');
  return res;
}

// The visible field errors and alerts of a page, for failure messages.
export async function errorsOn(page) {
  const texts = await page.locator('main .error, main .flash.error').allTextContents();
  return texts.length ? texts.join(' | ') : '(no error shown)';
}
