// The spaces on a phone (issue 14): a participant on a 360 px phone in
// Arabic opens their cohort's space, replies in a thread with a photo taken
// on the phone; the reply shows the photo's small copy (never the original)
// right to left; a moderator (the programme's staff) hides the reply with a
// reason; the thread marks it hidden, and its author reads why.
import { expect, logIn, logOut, pathOf, submitForm } from './lib.mjs';

export async function aParticipantRepliesWithAPhotoAndAModeratorHidesIt({ url, accounts, browser }) {
  const phone = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'ar' });
  phone.setDefaultTimeout(20000);
  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  staffContext.setDefaultTimeout(20000);
  try {
    const page = await phone.newPage();
    await logIn(page, url, accounts.participant);
    await submitForm(page, 'header form.languages', 'button[value="ar"]');
    await page.goto(`${url}/spaces`);
    const hrefs = (selector) => page.$$eval(selector, (as) => as.map((a) => a.getAttribute('href')));
    const space = (await hrefs('main a[href^="/spaces/"]')).find((h) => /^\/spaces\/\d+$/.test(h));
    expect(space, 'the participant has no space');
    await page.goto(url + space);
    expect(await page.getAttribute('html', 'dir') === 'rtl', 'the space page is not right to left');
    const thread = (await hrefs('main a[href^="/threads/"]'))[0].replace(/[?#].*$/, '');
    await page.goto(url + thread);

    // A photo as a phone would take it: a picture bigger than any phone screen.
    const shot = await page.screenshot({ fullPage: false });
    const words = `صورة من ورشة العمل ${Date.now()}`;
    await page.fill('#f-body', words);
    await page.setInputFiles('#f-attachments', { name: 'ورشة.png', mimeType: 'image/png', buffer: shot });
    const res = await submitForm(page, 'form[action$="/posts"]');
    expect(res.status() === 200 && pathOf(page).startsWith('/threads/'),
      `replying led to ${res.status()} ${page.url()}`);
    const post = page.locator('main article', { hasText: words });
    expect(await post.count() === 1, 'the reply is not on the thread page');
    const img = post.locator('img[src$="/small"]');
    expect(await img.count() === 1, 'the reply shows no small copy of the photo');
    const width = await img.evaluate((i) => i.complete ? i.naturalWidth : -1);
    expect(width > 0 && width <= 640, `the small copy is ${width} px wide (at most 640)`);
    const box = await img.boundingBox();
    expect(box && box.width <= 360, `the photo is ${box?.width} px wide on a 360 px screen`);
    const postId = (await post.getAttribute('id')) ?? (await post.locator('xpath=..').getAttribute('id'));
    const id = Number(String(postId).replace(/\D+/g, ''));
    expect(id > 0, `no id on the reply (${postId})`);

    // The moderator hides it.
    const staff = await staffContext.newPage();
    await logIn(staff, url, accounts.staff);
    await staff.goto(`${url}/posts/${id}/hide`);
    await staff.fill('#f-reason', 'Bitte keine Fotos von Personen ohne deren Zustimmung.');
    const hidden = await submitForm(staff, `form[action="/posts/${id}/hide"]`);
    expect(hidden.status() === 200, `hiding answered ${hidden.status()} at ${staff.url()}`);

    await staff.goto(`${url}/posts/${id}`);
    const cls = await staff.getAttribute(`#post-${id}`, 'class');
    expect(/\bhidden\b/.test(cls ?? ''), `the moderator's thread page does not mark the post hidden (${cls})`);

    // Its author reads that it is hidden, and why.
    await page.goto(`${url}/posts/${id}`);
    const mine = await page.locator(`#post-${id}`).textContent();
    expect(mine.includes('Bitte keine Fotos von Personen ohne deren Zustimmung.'),
      'the author does not read why their post was hidden');
    await logOut(page);
  } finally {
    await phone.close();
    await staffContext.close();
  }
}
aParticipantRepliesWithAPhotoAndAModeratorHidesIt.timeoutMs = 180000;
