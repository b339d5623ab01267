-- A cohort's year: its modules, their sessions (online and on-site), the
-- sessions' materials, attendance, module results, the cohort's completion
-- rules, calendar feed tokens and certificates. Times are Unix seconds (UTC);
-- a session also keeps the IANA time zone it was planned in, so its local
-- time ("9:00 in Berlin") survives daylight-saving changes and calendar feeds
-- can carry TZID. ECTS are stored in tenths (2.5 ECTS = 25). Booleans are 0/1.

CREATE TABLE module (
  id {{ID}},
  cohort_id BIGINT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
  position BIGINT NOT NULL DEFAULT 0,
  semester BIGINT NOT NULL DEFAULT 1,
  ects_tenths BIGINT NOT NULL DEFAULT 0 CHECK (ects_tenths >= 0),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX module_cohort ON module(cohort_id, semester, position);

-- Title, description and learning outcomes per language; pages fall back to
-- English, then to any language the module has.
CREATE TABLE module_text (
  module_id BIGINT NOT NULL REFERENCES module(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  outcomes TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (module_id, language)
);

-- Lecturers are people (the person record), usually enrolled in the cohort
-- with the role lecturer.
CREATE TABLE module_lecturer (
  module_id BIGINT NOT NULL REFERENCES module(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  PRIMARY KEY (module_id, person_id)
);
CREATE INDEX module_lecturer_person ON module_lecturer(person_id);

-- A teaching session ("session" alone is the sign-in session). kind: online
-- (meeting_url) or on_site (place, room). uid is the iCalendar UID, fixed at
-- creation; sequence is the iCalendar SEQUENCE, raised whenever the time, the
-- place or the status changes. status: scheduled or cancelled (a cancelled
-- session stays, so calendars and attendance keep it).
CREATE TABLE course_session (
  id {{ID}},
  cohort_id BIGINT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
  module_id BIGINT REFERENCES module(id) ON DELETE SET NULL,
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('online', 'on_site')),
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  time_zone TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL DEFAULT '',
  meeting_url TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  cancel_reason TEXT NOT NULL DEFAULT '',
  uid TEXT NOT NULL UNIQUE,
  sequence BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX course_session_cohort ON course_session(cohort_id, starts_at);
CREATE INDEX course_session_module ON course_session(module_id);

CREATE TABLE session_lecturer (
  session_id BIGINT NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, person_id)
);
CREATE INDEX session_lecturer_person ON session_lecturer(person_id);

-- A file (kept in the database, sniffed and size-limited) or a link. A newer
-- version of a file replaces an older one by pointing at it (replaces_id);
-- the older stays.
CREATE TABLE session_material (
  id {{ID}},
  session_id BIGINT NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('file', 'link')),
  url TEXT NOT NULL DEFAULT '',
  filename TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  size BIGINT NOT NULL DEFAULT 0,
  data {{BLOB}},
  replaces_id BIGINT REFERENCES session_material(id) ON DELETE SET NULL,
  added_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX session_material_session ON session_material(session_id);

-- One row per person and session once attendance was taken. Corrections
-- overwrite the row; the audit log keeps what it was.
CREATE TABLE attendance (
  session_id BIGINT NOT NULL REFERENCES course_session(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (session_id, person_id)
);
CREATE INDEX attendance_person ON attendance(person_id);

-- A participant's result in a module: passed or failed (no row: not yet marked).
CREATE TABLE module_result (
  module_id BIGINT NOT NULL REFERENCES module(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  result TEXT NOT NULL CHECK (result IN ('passed', 'failed')),
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  recorded_at BIGINT NOT NULL,
  PRIMARY KEY (module_id, person_id)
);
CREATE INDEX module_result_person ON module_result(person_id);

-- What completing a cohort takes. No row: the defaults (attendance at least
-- 80 % of the sessions held, every module passed, the final paper accepted
-- once final papers exist).
CREATE TABLE completion_rule (
  cohort_id BIGINT PRIMARY KEY REFERENCES cohort(id) ON DELETE CASCADE,
  attendance_enabled INTEGER NOT NULL DEFAULT 1,
  attendance_min_percent BIGINT NOT NULL DEFAULT 80 CHECK (attendance_min_percent BETWEEN 0 AND 100),
  modules_enabled INTEGER NOT NULL DEFAULT 1,
  paper_enabled INTEGER NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);

-- A private calendar subscription: the token is shown once in the feed's URL
-- and kept only as its digest. cohort_id NULL: the account's own sessions;
-- set: a whole cohort (programme staff). Renewing revokes the old token.
CREATE TABLE calendar_feed (
  id {{ID}},
  token_digest TEXT NOT NULL UNIQUE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  cohort_id BIGINT REFERENCES cohort(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX calendar_feed_account ON calendar_feed(account_id, cohort_id);

-- A certificate as issued: what it certified is copied in (name, ECTS …), so
-- later edits do not change an issued certificate. code is the public
-- verification code (unguessable). A revoked certificate keeps its row; a new
-- one may be issued after it.
CREATE TABLE certificate (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  cohort_id BIGINT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_latin TEXT NOT NULL DEFAULT '',
  ects_tenths BIGINT NOT NULL DEFAULT 0,
  completed_on BIGINT NOT NULL,
  pdf {{BLOB}},
  issued_at BIGINT NOT NULL,
  issued_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  revoked_at BIGINT,
  revoked_reason TEXT NOT NULL DEFAULT '',
  revoked_by BIGINT REFERENCES account(id) ON DELETE SET NULL
);
CREATE INDEX certificate_person ON certificate(person_id, cohort_id);
CREATE INDEX certificate_cohort ON certificate(cohort_id);
