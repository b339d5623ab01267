// A survey round as the browser tests need it: an identified survey of the
// demo programme (one question, texts in the four languages) and a round of
// it to cohort 3, open now, with its participants invited and some sent
// and answered. Written to the test's SQLite database with Debian's sqlite3
// (the same rows the survey builder and the round form would write); found
// again when it exists.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

function sql(dataDir, statement) {
  return execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000', join(dataDir, 'crm.db'), statement],
    { encoding: 'utf8' }).trim();
}

const cohort3 = "(SELECT c.id FROM cohort c JOIN programme p ON p.id = c.programme_id WHERE p.slug = 'crm' AND c.number = 3)";

/** {survey, round}: ids of the browser tests' survey and its round. */
export function surveyRound(dataDir) {
  const find = () => sql(dataDir, `SELECT s.id || ' ' || r.id FROM survey s JOIN survey_round r ON r.survey_id = s.id
    WHERE s.title = 'Browser test survey' ORDER BY r.id LIMIT 1`);
  let row = find();
  if (!row) {
    const now = Math.floor(Date.now() / 1000);
    const texts = [['en', 'Was the training useful?', 'Your answer'], ['de', 'War die Fortbildung nützlich?', 'Ihre Antwort'],
      ['fr', 'La formation était-elle utile ?', 'Votre réponse'], ['ar', 'هل كان التدريب مفيدًا؟', 'إجابتك']];
    sql(dataDir, `BEGIN;
      INSERT INTO survey (programme_id, kind, title, anonymous, created_at) VALUES ((SELECT id FROM programme WHERE slug = 'crm'), 'custom', 'Browser test survey', 0, ${now});
      INSERT INTO survey_version (survey_id, number, languages, default_language, created_at, frozen_at) VALUES ((SELECT MAX(id) FROM survey), 1, 'en,de,fr,ar', 'en', ${now}, ${now});
      ${texts.map(([l, t]) => `INSERT INTO survey_version_text (version_id, language, title) VALUES ((SELECT MAX(id) FROM survey_version), '${l}', '${t.replace(/'/g, "''")}');`).join('\n')}
      INSERT INTO survey_question (version_id, position, name, type) VALUES ((SELECT MAX(id) FROM survey_version), 1, 'useful', 'text');
      ${texts.map(([l, , q]) => `INSERT INTO survey_question_text (question_id, language, label) VALUES ((SELECT MAX(id) FROM survey_question), '${l}', '${q}');`).join('\n')}
      INSERT INTO survey_round (survey_id, audience, cohort_id, opens_at, closes_at, reminder_days, created_at) VALUES ((SELECT MAX(id) FROM survey), 'cohort', ${cohort3}, ${now - 86400}, ${now + 20 * 86400}, 7, ${now});
      INSERT INTO survey_invitation (round_id, person_id, token_hash, send_at, sent_at, answered)
        SELECT (SELECT MAX(id) FROM survey_round), e.person_id, 'browser-test-' || e.person_id, ${now - 86400}, ${now - 86400}, e.person_id % 3 = 0
        FROM enrolment e WHERE e.cohort_id = ${cohort3} AND e.role = 'participant' AND e.status IN ('admitted', 'participant', 'graduate');
      COMMIT;`);
    row = find();
  }
  const [survey, round] = row.split(' ').map(Number);
  return { survey, round };
}
