// Publishing as the browser tests need it: an accepted final paper of the
// demo participant (with an Arabic and an English title and a PDF as its
// accepted version) and a published curated resource, written into the
// test's SQLite database with Debian's sqlite3 — the same rows the papers
// and resources pages write. A paper the demo gave the participant in that
// cohort is replaced, so the tests know what is there.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

function sql(dataDir, statement) {
  return execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000', join(dataDir, 'crm.db'), statement],
    { encoding: 'utf8' }).trim();
}

const participant = "(SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = 'participant@demo.crm.example')";
const participantCohort = `(SELECT e.cohort_id FROM enrolment e WHERE e.person_id = ${participant} AND e.role = 'participant' ORDER BY e.id LIMIT 1)`;

/** A small PDF whose first bytes say what it is (the upload check sniffs them). */
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The id of an accepted paper of the demo participant, not published yet. */
export function acceptedPaper(dataDir) {
  const now = Math.floor(Date.now() / 1000);
  const hex = pdfBytes.toString('hex');
  sql(dataDir, `BEGIN;
    DELETE FROM publication WHERE work_kind = 'paper' AND work_id IN (SELECT id FROM paper WHERE person_id = ${participant} AND cohort_id = ${participantCohort});
    DELETE FROM paper WHERE person_id = ${participant} AND cohort_id = ${participantCohort};
    INSERT INTO paper (cohort_id, person_id, status, created_at, updated_at) VALUES (${participantCohort}, ${participant}, 'accepted', ${now}, ${now});
    INSERT INTO paper_text (paper_id, language, title, abstract) VALUES
      (last_insert_rowid(), 'ar', 'إعادة الإدماج الاقتصادي للعائدين', 'كيف يبني العائدون مشاريعهم الصغيرة بعد العودة.');
    INSERT INTO paper_text (paper_id, language, title, abstract) VALUES
      ((SELECT MAX(id) FROM paper), 'en', 'Economic reintegration of returnees', 'How returnees build small businesses after their return.');
    INSERT INTO paper_tag (paper_id, kind, value) VALUES ((SELECT MAX(id) FROM paper), 'country', 'SN'),
      ((SELECT MAX(id) FROM paper), 'dimension', 'economic'), ((SELECT MAX(id) FROM paper), 'gcm', '21'),
      ((SELECT MAX(id) FROM paper), 'topic', 'small business');
    INSERT INTO paper_version (paper_id, number, milestone, filename, content_type, size, data, uploaded_at)
      VALUES ((SELECT MAX(id) FROM paper), 1, 'final', 'reintegration.pdf', 'application/pdf', ${pdfBytes.length}, X'${hex}', ${now});
    INSERT INTO paper_assessment (paper_id, version_id, decision, feedback, assessed_at)
      VALUES ((SELECT MAX(id) FROM paper), last_insert_rowid(), 'accepted', 'Well argued.', ${now});
    COMMIT;`);
  return Number(sql(dataDir, `SELECT MAX(id) FROM paper WHERE person_id = ${participant}`));
}

/** The id of a published curated resource. */
export function publishedResource(dataDir) {
  const now = Math.floor(Date.now() / 1000);
  sql(dataDir, `INSERT INTO resource (programme_id, kind, title, authors, publisher, year, language, summary, url,
      filename, content_type, size, data, published_at, created_at, updated_at)
    VALUES ((SELECT MIN(id) FROM programme), 'guideline', 'Reintegration handbook', 'IOM; GIZ', 'IOM', 2023, 'en',
      'Practical guidance for counsellors.', 'https://example.org/handbook', 'handbook.pdf', 'application/pdf',
      ${pdfBytes.length}, X'${pdfBytes.toString('hex')}', ${now}, ${now}, ${now});`);
  return Number(sql(dataDir, 'SELECT MAX(id) FROM resource'));
}

/** The public number of the paper's publication ('' until published). */
export function workNumber(dataDir, paperId) {
  return sql(dataDir, `SELECT id FROM publication WHERE work_kind = 'paper' AND work_id = ${paperId} AND withdrawn_at IS NULL`);
}

const lecturer = "(SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = 'lecturer@demo.crm.example')";

/**
 * A fresh paper of the demo participant, nothing uploaded yet, supervised by
 * the demo lecturer (what staff set up at /cohorts/{id}/papers/new), with an
 * Arabic and an English title, and a rubric for the cohort when it has none.
 * Returns {paper, cohort}.
 */
export function startedPaper(dataDir, { arabicTitle, englishTitle }) {
  const now = Math.floor(Date.now() / 1000);
  const quote = (s) => `'${s.replaceAll("'", "''")}'`;
  sql(dataDir, `BEGIN;
    DELETE FROM publication WHERE work_kind = 'paper' AND work_id IN (SELECT id FROM paper WHERE person_id = ${participant} AND cohort_id = ${participantCohort});
    DELETE FROM paper WHERE person_id = ${participant} AND cohort_id = ${participantCohort};
    INSERT INTO paper (cohort_id, person_id, supervisor_id, status, created_at, updated_at)
      VALUES (${participantCohort}, ${participant}, ${lecturer}, 'draft', ${now}, ${now});
    INSERT INTO paper_text (paper_id, language, title, abstract) VALUES
      ((SELECT MAX(id) FROM paper), 'ar', ${quote(arabicTitle)}, 'دراسة عن عودة المهاجرين وإعادة إدماجهم في مجتمعاتهم.'),
      ((SELECT MAX(id) FROM paper), 'en', ${quote(englishTitle)}, 'A study of return and reintegration.');
    INSERT INTO rubric_criterion (cohort_id, position, title, description, scale_max, created_at)
      SELECT ${participantCohort}, 1, 'Argument', 'Is the argument clear?', 5, ${now}
      WHERE NOT EXISTS (SELECT 1 FROM rubric_criterion WHERE cohort_id = ${participantCohort});
    INSERT INTO paper_milestone (cohort_id, kind, due_at)
      SELECT ${participantCohort}, k.kind, ${now} + k.days * 86400 FROM (SELECT 'draft' AS kind, 10 AS days UNION ALL SELECT 'final', 40) k
      WHERE NOT EXISTS (SELECT 1 FROM paper_milestone WHERE cohort_id = ${participantCohort} AND kind = k.kind);
    COMMIT;`);
  return {
    paper: Number(sql(dataDir, `SELECT MAX(id) FROM paper WHERE person_id = ${participant}`)),
    cohort: Number(sql(dataDir, `SELECT ${participantCohort}`)),
  };
}
