// The invitation journey, end to end in a real browser: a staff member signs in
// with password and TOTP, invites a new staff member, who accepts from the mail,
// enrols the second factor their role requires, logs out and back in. Plus the
// bad paths a person meets: a wrong password, an invitation link used twice.
import { errorsOn, invite, openInvitation } from './flows.mjs';
import { expect, freshTotp, logIn, logOut, pathOf, submitForm, uniqueEmail } from './lib.mjs';

export async function wrongPasswordShowsErrorAndKeepsEmail({ url, accounts, page }) {
  const { email } = accounts.staff;
  await page.goto(`${url}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', 'not-the-password');
  const res = await submitForm(page, 'form[action="/login"]');
  expect(res.status() === 422, `a wrong password answered ${res.status()}, expected 422`);
  expect(pathOf(page) === '/login', `a wrong password led to ${page.url()}`);
  // The error summary at the top, focused (it is what a screen reader says first).
  const alert = page.locator('main #error-summary');
  expect(await alert.count() === 1, 'no error summary after a wrong password');
  const text = (await alert.textContent()).trim();
  expect(/not right/.test(text), `the summary says "${text}"`);
  expect(await alert.isVisible(), 'the summary is not visible');
  expect(await page.evaluate(() => document.activeElement?.id) === 'error-summary', 'the summary is not focused');
  expect(await page.inputValue('#f-email') === email, `the email field lost "${email}"`);
  expect(await page.inputValue('#f-password') === '', 'the password field was filled in again');
  // Still not signed in; the form works on a second try.
  expect(await page.locator('header form.logout').count() === 0, 'a wrong password signed in');
  await page.fill('#f-password', accounts.staff.password);
  const again = await submitForm(page, 'form[action="/login"]');
  expect(again.status() === 200 && pathOf(page) === '/login/2fa',
    `the right password after a wrong one led to ${again.status()} ${page.url()}`);
}

export async function staffInvitesStaffWhoEnrolsTwoFactor({ url, accounts, browser, page, mailDir }) {
  await logIn(page, url, accounts.staff);
  expect(pathOf(page) === '/', `staff landed on ${page.url()}, expected the dashboard`);

  const email = uniqueEmail('staff');
  const { mail, link } = await invite(page, mailDir, {
    name: 'Jonas Weber', email, role: 'staff', language: 'en',
  });
  expect(mail.headers.subject === 'Your invitation to crm', `subject: ${mail.headers.subject}`);

  // The invitee in a browser of their own.
  const invitee = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    const p = await invitee.newPage();
    await openInvitation(p, link);
    expect(await p.locator('main bdi', { hasText: email }).count() === 1,
      'the accept page does not show the address of the account');
    expect(await p.inputValue('#f-name') === 'Jonas Weber', 'the name from the invitation is not filled in');
    await p.fill('#f-name', 'Jonas A. Weber');
    await p.fill('#f-password', 'a long enough passphrase');
    await p.fill('#f-password_again', 'a long enough passphrase');
    expect(await p.inputValue('#f-language') === 'en', 'the language of the invitation is not preselected');
    await p.fill('#f-time_zone', 'Europe/Berlin');
    const accepted = await submitForm(p, 'form[action^="/invite/"]');
    // Staff must enrol a second factor before anything else.
    expect(accepted.status() === 200 && pathOf(p) === '/account/2fa',
      `accepting led to ${accepted.status()} ${p.url()}, expected /account/2fa: ${await errorsOn(p)}`);
    expect(await p.locator('header form.logout').count() === 1, 'not signed in after accepting');
    await p.goto(`${url}/invitations`);
    expect(pathOf(p) === '/account/2fa', `before enrolling, /invitations led to ${p.url()}`);

    // Enrol: read the key the page shows, as someone typing it into an app would.
    const secret = (await p.locator('code.secret').textContent()).trim();
    expect(/^[A-Z2-7]{16,}$/.test(secret.replace(/\s/g, '')), `the key "${secret}" is not base32`);
    expect(await p.locator('.qr svg').count() === 1, 'no QR code on the enrolment page');
    await p.fill('#f-code', await freshTotp(secret, url));
    const enrolled = await submitForm(p, 'form[action="/account/2fa"]');
    expect(enrolled.status() === 200, `enrolling answered ${enrolled.status()}: ${await errorsOn(p)}`);
    const codes = await p.locator('ul.codes li').allTextContents();
    expect(codes.length === 10, `${codes.length} recovery codes shown, expected 10`);
    expect(new Set(codes).size === 10, 'the recovery codes are not all different');
    await Promise.all([p.waitForNavigation(), p.click('main a[href="/"]')]);
    expect(pathOf(p) === '/', `Continue led to ${p.url()}`);
    expect((await p.locator('main h1').textContent()).includes('Jonas A. Weber'),
      'the dashboard does not greet the new member by name');

    await logOut(p);
    expect((await p.locator('main .flash.ok').textContent()).includes('logged out'),
      'no confirmation of the logout');
    await p.goto(`${url}/account`);
    expect(pathOf(p) === '/login?next=%2Faccount', `after logging out, /account led to ${p.url()}`);

    // Back in: password, then a wrong code, then the app's next code.
    await p.fill('#f-email', email.toUpperCase()); // addresses are case-insensitive
    await p.fill('#f-password', 'a long enough passphrase');
    await submitForm(p, 'form[action="/login"]');
    // The code is asked next, and the page that asked for the login comes after it.
    expect(pathOf(p) === '/login/2fa?next=%2Faccount', `the password led to ${p.url()}, expected /login/2fa?next=%2Faccount`);
    await p.goto(`${url}/account`);
    expect(pathOf(p) === '/login/2fa', `half signed in, /account led to ${p.url()}`);
    await p.fill('#f-code', '12345');
    const wrong = await submitForm(p, 'form[action="/login/2fa"]');
    expect(wrong.status() === 422 && pathOf(p) === '/login/2fa', `a wrong code answered ${wrong.status()}`);
    expect(await p.getAttribute('#f-code', 'aria-invalid') === 'true', 'the code field is not marked invalid');
    await p.fill('#f-code', await freshTotp(secret, url));
    const back = await submitForm(p, 'form[action="/login/2fa"]');
    expect(back.status() === 200 && pathOf(p) === '/',
      `the second sign-in ended with ${back.status()} at ${p.url()}: ${await errorsOn(p)}`);
    expect((await p.locator('main h1').textContent()).includes('Jonas A. Weber'), 'wrong dashboard');
    expect(await p.locator('nav a[href="/invitations"]').count() === 1,
      'the new staff member has no Invitations link');
  } finally {
    await invitee.close();
  }

  // The inviter sees the invitation as accepted.
  await page.goto(`${url}/invitations`);
  // (The demo staff member reads crm in German: check the state, not the words.)
  const status = await page.locator('tbody tr', { hasText: email }).locator('td').nth(4).getAttribute('data-status');
  expect(status === 'accepted', `the inviter sees the invitation as "${status}"`);
}

export async function invitationLinkUsedTwiceSaysAlreadyAccepted({ url, accounts, browser, page, mailDir }) {
  await logIn(page, url, accounts.staff);
  const email = uniqueEmail('twice');
  const { link } = await invite(page, mailDir, {
    name: 'Amina Yusuf', email, role: 'participant', language: 'en',
  });

  const invitee = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    const p = await invitee.newPage();
    await openInvitation(p, link);
    await p.fill('#f-password', 'another long passphrase');
    await p.fill('#f-password_again', 'another long passphrase');
    const accepted = await submitForm(p, 'form[action^="/invite/"]');
    expect(accepted.status() === 200 && pathOf(p) === '/',
      `accepting led to ${accepted.status()} ${p.url()}: ${await errorsOn(p)}`);
    expect((await p.locator('main .flash.ok').textContent()).includes('Your account is ready'),
      'no welcome message after accepting');
  } finally {
    await invitee.close();
  }

  // The same link again, from a browser that is not signed in.
  const other = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    const p = await other.newPage();
    const res = await p.goto(link);
    expect(res.status() === 409, `the used link answered ${res.status()}, expected 409`);
    const text = await p.locator('main').textContent();
    expect(/already been accepted/.test(text), `the used link shows: ${text.trim().slice(0, 200)}`);
    expect(await p.locator('form[action^="/invite/"]').count() === 0, 'the used link still shows the form');
    const login = p.locator('main a[href="/login"]');
    expect(await login.count() === 1, 'the page does not offer to log in');
  } finally {
    await other.close();
  }
}
