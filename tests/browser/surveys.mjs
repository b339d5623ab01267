// Survey rounds for the browser tests: a new round of the demo's three-month
// follow-up (src/demo/survey_answers.cpp) for the demo participant's cohort,
// and a personal link for a demo person — the rows the sending part writes
// (only the link's SHA-256 is stored). Written to the test's SQLite database
// with Debian's sqlite3.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

function sql(dataDir, statement) {
  return execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000', join(dataDir, 'crm.db'), statement],
    { encoding: 'utf8' }).trim();
}

const personOf = (email) => `(SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = '${email}')`;
const participant = personOf('participant@demo.crm.example');
const participantCohort = `(SELECT e.cohort_id FROM enrolment e WHERE e.person_id = ${participant} AND e.role = 'participant' ORDER BY e.id LIMIT 1)`;

/** A new open round of the demo follow-up; returns its id. */
export function followUpRound(dataDir) {
  const now = Math.floor(Date.now() / 1000);
  const survey = sql(dataDir, "SELECT MIN(id) FROM survey WHERE kind = 'follow_up'");
  if (!survey) throw new Error('the demo has no follow-up survey');
  return sql(dataDir, `INSERT INTO survey_round (survey_id, audience, cohort_id, opens_at, closes_at, created_at)
    VALUES (${survey}, 'cohort', ${participantCohort}, ${now - 60}, ${now + 7 * 86400}, ${now}) RETURNING id`);
}

/** A personal link (path /s/TOKEN) of `email`'s person in `round`. */
export function surveyLink(dataDir, round, email = 'participant@demo.crm.example') {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  const now = Math.floor(Date.now() / 1000);
  sql(dataDir, `INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at, sent_at)
    VALUES (${round}, ${personOf(email)}, '${hash}', ${now - 60}, ${now - 60})`);
  return `/s/${token}`;
}

// The demo's survey results pages (src/demo/survey_responses.cpp): the ids of
// its surveys differ between databases and with what other demo parts made
// first, so they are found by the results page's heading.
const titles = {
  useful: 'End of the programme: was it useful?',
  self_assessment: 'Self-assessment of competences',
};

// The path of the results page of the demo survey of `kind` (page must be
// signed in as staff, in English or any language: the heading shows the title
// in the reader's language, and the working title, the same in every
// language, under it when that differs).
export async function demoSurveyResults(page, url, kind) {
  for (let id = 1; id <= 40; id++) {
    const res = await page.goto(`${url}/surveys/${id}/results`);
    if (res?.status() !== 200) continue;
    const texts = await page.locator('h1, p.working-title').allTextContents();
    if (texts.some((text) => text.includes(titles[kind]))) return `/surveys/${id}/results`;
  }
  throw new Error(`no demo survey of kind ${kind}`);
}
