// Smoke test: the login page renders with language and direction, and passes axe.
import { assertAccessible, expect } from './lib.mjs';

export async function loginPageHasLangDirAndIsAccessible({ url, page }) {
  const res = await page.goto(`${url}/login`);
  expect(res.status() === 200, `GET /login answered ${res.status()}`);
  const html = page.locator('html');
  expect((await html.getAttribute('lang')) === 'en', `lang is ${await html.getAttribute('lang')}, expected en`);
  expect((await html.getAttribute('dir')) === 'ltr', `dir is ${await html.getAttribute('dir')}, expected ltr`);
  await assertAccessible(page);
}
