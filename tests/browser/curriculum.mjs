// The demo's curriculum as the browser tests need it: a session that has
// ended, in the demo participant's cohort, with the demo lecturer among its
// lecturers, and its module. Read from the test's SQLite database with
// Debian's sqlite3; when the demo has planned no such session, one is added
// (the same rows the planning pages would write).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

function sql(dataDir, statement) {
  return execFileSync('sqlite3', ['-batch', '-cmd', '.timeout 5000', join(dataDir, 'crm.db'), statement],
    { encoding: 'utf8' }).trim();
}

const lecturer = "(SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = 'lecturer@demo.crm.example')";
const participant = "(SELECT p.id FROM person p JOIN account a ON a.id = p.account_id WHERE a.email = 'participant@demo.crm.example')";
const participantCohort = `(SELECT e.cohort_id FROM enrolment e WHERE e.person_id = ${participant} AND e.role = 'participant' ORDER BY e.id LIMIT 1)`;

/** {session, module, cohort, participant}: ids of a past session the demo lecturer teaches in the demo participant's cohort. */
export function lecturerSession(dataDir) {
  const now = Math.floor(Date.now() / 1000);
  const find = () => sql(dataDir, `SELECT s.id || ' ' || COALESCE(s.module_id, 0) || ' ' || s.cohort_id || ' ' || ${participant}
    FROM course_session s JOIN session_lecturer sl ON sl.session_id = s.id
    WHERE sl.person_id = ${lecturer} AND s.cohort_id = ${participantCohort} AND s.status = 'scheduled' AND s.ends_at < ${now}
    ORDER BY s.starts_at DESC LIMIT 1`);
  let row = find();
  if (!row) {
    const starts = now - 3 * 86400;
    sql(dataDir, `BEGIN;
      INSERT INTO module (cohort_id, position, semester, ects_tenths, created_at, updated_at) VALUES (${participantCohort}, 90, 1, 50, ${now}, ${now});
      INSERT INTO module_text (module_id, language, title) VALUES (last_insert_rowid(), 'en', 'Return counselling');
      INSERT INTO course_session (cohort_id, module_id, title, kind, starts_at, ends_at, time_zone, uid, created_at, updated_at)
        VALUES (${participantCohort}, (SELECT MAX(id) FROM module), 'Counselling practice', 'online', ${starts}, ${starts + 3 * 3600}, 'Europe/Berlin', 'browser-test-session', ${now}, ${now});
      INSERT INTO session_lecturer (session_id, person_id) VALUES (last_insert_rowid(), ${lecturer});
      COMMIT;`);
    row = find();
  }
  const [session, module, cohort, person] = row.split(' ').map(Number);
  return { session, module, cohort, participant: person };
}

/** The recorded status of `person` at `session` ('' when none). */
export function attendanceOf(dataDir, session, person) {
  return sql(dataDir, `SELECT status FROM attendance WHERE session_id = ${session} AND person_id = ${person}`);
}
