// Calls for the browser tests of applying: an open call of a cohort of its
// own, written to the test's SQLite database with Debian's sqlite3 (the
// calls' own pages are another part's), and applying to it as the call's
// page does (a form that POSTs to /calls/{id}/apply).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

function sql(dataDir, statement) {
  return execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000', join(dataDir, 'crm.db'), statement],
    { encoding: 'utf8' }).trim();
}

/** An open call of a cohort of its own, with a CV asked for; its id. */
export function openCall(dataDir, number) {
  const now = Math.floor(Date.now() / 1000);
  const programme = sql(dataDir, "SELECT id FROM programme WHERE slug = 'crm'");
  const cohort = sql(dataDir, `INSERT INTO cohort (programme_id, number, name, starts_on, ends_on, status)
    VALUES (${programme}, ${number}, 'Cohort ${number}', ${now}, ${now}, 'planned') RETURNING id`);
  const call = sql(dataDir, `INSERT INTO call (programme_id, cohort_id, status, opens_at, closes_at, time_zone, places,
    created_at, updated_at) VALUES (${programme}, ${cohort}, 'published', ${now - 86400}, ${now + 30 * 86400},
    'Europe/Berlin', 24, ${now}, ${now}) RETURNING id`);
  for (const [lang, title] of [['en', 'Call for cohort 9'], ['de', 'Ausschreibung Jahrgang 9'], ['ar', 'دعوة للدفعة التاسعة']]) {
    sql(dataDir, `INSERT INTO call_text (call_id, language, title) VALUES (${call}, '${lang}', '${title}')`);
  }
  sql(dataDir, `INSERT INTO call_document (call_id, kind, required) VALUES (${call}, 'cv', 1)`);
  return call;
}

// What the call's page (another part) does: a form that POSTs to /calls/{id}/apply.
export async function applyTo(page, call) {
  const csrf = await page.getAttribute('input[name="csrf"]', 'value');
  await page.evaluate(({ call, csrf }) => {
    const f = document.createElement('form');
    f.method = 'post';
    f.action = `/calls/${call}/apply`;
    f.innerHTML = `<input type="hidden" name="csrf" value="${csrf}"><button type="submit" id="apply-now">apply</button>`;
    document.body.append(f);
  }, { call, csrf });
  await Promise.all([page.waitForNavigation(), page.click('#apply-now')]);
}


/** Lets every page of application `id` be opened (as if filled up to the last). */
export function reachEveryPage(dataDir, id) {
  sql(dataDir, `UPDATE application SET page = 5 WHERE id = ${Number(id)}`);
}
