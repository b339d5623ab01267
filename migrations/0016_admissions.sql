-- Calls, applications, blind review, parity-aware selection and decisions
-- (capability 2). Times are Unix seconds (UTC); booleans are 0/1.
--
-- One person record from applicant to alumnus: an application belongs to a
-- person (person.id); the applicant's narrow account (role 'applicant') is
-- linked to that person as any account is (person.account_id). Accepted
-- applicants who confirm get an enrolment in the call's cohort whose status
-- history starts at 'applicant'.
--
-- Blindness: what a first-stage reviewer may see is decided in one place
-- (src/admissions/blinding.hpp) from call.blind_fields; the tables keep
-- everything, the pages leave the blinded fields out.
--
-- Retention: the documents of applicants who were not admitted are emptied
-- (data NULL, deleted_at set) retention_months after the decision; the rows
-- stay, so counts and the funnel do not change.

-- A call per cohort. The deadline is decided in the call's own time zone,
-- to the second: closes_at is the UTC instant of the local closing time.
CREATE TABLE call (
  id {{ID}},
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  cohort_id BIGINT NOT NULL UNIQUE REFERENCES cohort(id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed', 'decided')),
  opens_at BIGINT NOT NULL,
  closes_at BIGINT NOT NULL,
  time_zone TEXT NOT NULL,
  places BIGINT NOT NULL CHECK (places > 0),
  -- Comma-separated fields a first-stage reviewer does not see (blinding.hpp).
  blind_fields TEXT NOT NULL DEFAULT 'name,email,gender,age,nationality,organisation,photo,documents',
  -- A reviewer never reviews someone of their own organisation; with this
  -- set, nor someone of their own country.
  conflict_same_country INTEGER NOT NULL DEFAULT 0,
  second_stage INTEGER NOT NULL DEFAULT 0,
  reviewers_per_application BIGINT NOT NULL DEFAULT 2 CHECK (reviewers_per_application >= 2),
  review_due_at BIGINT,
  retention_months BIGINT NOT NULL DEFAULT 6 CHECK (retention_months >= 0),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX call_programme ON call(programme_id, status);

-- The call's texts per language; pages fall back to English, then to the
-- first language written.
CREATE TABLE call_text (
  call_id BIGINT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  who_may_apply TEXT NOT NULL DEFAULT '',
  offer TEXT NOT NULL DEFAULT '',
  costs TEXT NOT NULL DEFAULT '',
  dates TEXT NOT NULL DEFAULT '',
  retention_notice TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (call_id, language)
);

-- Eligibility questions. A yes/no question with eligible_answer set makes an
-- applicant who answers otherwise ineligible (the application can still be
-- sent; staff see why it is not in the proposal).
CREATE TABLE call_question (
  id {{ID}},
  call_id BIGINT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('yes_no', 'text')),
  required INTEGER NOT NULL DEFAULT 1,
  eligible_answer TEXT CHECK (eligible_answer IN ('yes', 'no')),
  UNIQUE (call_id, position)
);
CREATE TABLE call_question_text (
  question_id BIGINT NOT NULL REFERENCES call_question(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  label TEXT NOT NULL,
  hint TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (question_id, language)
);

-- The documents asked for.
CREATE TABLE call_document (
  call_id BIGINT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('cv', 'support_letter', 'other')),
  required INTEGER NOT NULL DEFAULT 1,
  max_bytes BIGINT NOT NULL DEFAULT 5242880 CHECK (max_bytes > 0),
  PRIMARY KEY (call_id, kind)
);

-- The review rubric: criteria with a weight and a scale.
CREATE TABLE call_criterion (
  id {{ID}},
  call_id BIGINT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  weight DOUBLE PRECISION NOT NULL CHECK (weight > 0),
  scale_min BIGINT NOT NULL DEFAULT 1,
  scale_max BIGINT NOT NULL DEFAULT 5,
  CHECK (scale_max > scale_min),
  UNIQUE (call_id, position)
);
CREATE TABLE call_criterion_text (
  criterion_id BIGINT NOT NULL REFERENCES call_criterion(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  label TEXT NOT NULL,
  guidance TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (criterion_id, language)
);

-- The cohort's parity targets as bounds on the number of places: per
-- dimension and value, at least min_count and at most max_count (NULL: no
-- upper bound). value '*' means every value of the dimension ("at most 3
-- per country").
CREATE TABLE call_bound (
  call_id BIGINT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  dimension TEXT NOT NULL CHECK (dimension IN ('route_role', 'gender', 'country', 'organisation_type')),
  value TEXT NOT NULL,
  min_count BIGINT NOT NULL DEFAULT 0 CHECK (min_count >= 0),
  max_count BIGINT CHECK (max_count >= 0),
  PRIMARY KEY (call_id, dimension, value)
);

-- A sign-up waiting for its address to be confirmed; it expires. The
-- applicant's account is created on confirmation.
CREATE TABLE applicant_signup (
  id {{ID}},
  email TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  language TEXT NOT NULL,
  call_id BIGINT REFERENCES call(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  confirmed_at BIGINT
);
CREATE INDEX applicant_signup_email ON applicant_signup(email, created_at);

-- One application per person and call. What the applicant typed about their
-- organisation is kept as typed (organisation_*); staff link it to an
-- organisation record when they enrol the person.
CREATE TABLE application (
  id {{ID}},
  call_id BIGINT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'withdrawn')),
  page BIGINT NOT NULL DEFAULT 1,
  language TEXT NOT NULL,
  route_role TEXT CHECK (route_role IN ('origin', 'transit', 'destination')),
  organisation_name TEXT NOT NULL DEFAULT '',
  organisation_type TEXT NOT NULL DEFAULT '',
  organisation_country TEXT NOT NULL DEFAULT '',
  position TEXT NOT NULL DEFAULT '',
  motivation TEXT NOT NULL DEFAULT '',
  experience TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT '',
  birth_year BIGINT,
  nationality TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT,
  withdrawn_at BIGINT,
  decision TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'accepted', 'waiting', 'rejected')),
  decided_at BIGINT,
  waiting_rank BIGINT,
  confirm_by BIGINT,
  confirmed_at BIGINT,
  declined_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (call_id, person_id)
);
CREATE INDEX application_person ON application(person_id);
CREATE INDEX application_call_status ON application(call_id, status, decision);

CREATE TABLE application_answer (
  application_id BIGINT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
  question_id BIGINT NOT NULL REFERENCES call_question(id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  PRIMARY KEY (application_id, question_id)
);

-- Documents, sniffed and size-checked before they are stored. Retention
-- empties data and sets deleted_at.
CREATE TABLE application_document (
  id {{ID}},
  application_id BIGINT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('cv', 'support_letter', 'other')),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  data {{BLOB}},
  uploaded_at BIGINT NOT NULL,
  deleted_at BIGINT,
  UNIQUE (application_id, kind)
);

-- Reviewers of a call: accounts (lecturers, staff, members of the steering
-- committee) with the organisation and country the conflict rules compare.
CREATE TABLE call_reviewer (
  call_id BIGINT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  organisation_name TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  invited_at BIGINT NOT NULL,
  PRIMARY KEY (call_id, account_id)
);
CREATE INDEX call_reviewer_account ON call_reviewer(account_id);

-- Conflicts a reviewer declared: never assigned that application.
CREATE TABLE review_conflict (
  application_id BIGINT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  reason TEXT NOT NULL DEFAULT '',
  declared_at BIGINT NOT NULL,
  PRIMARY KEY (application_id, account_id)
);

-- Stage 1 is blind; stage 2 (if the call has it) shows the whole application.
CREATE TABLE review_assignment (
  id {{ID}},
  application_id BIGINT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  stage BIGINT NOT NULL DEFAULT 1 CHECK (stage IN (1, 2)),
  assigned_at BIGINT NOT NULL,
  due_at BIGINT,
  submitted_at BIGINT,
  reminded_at BIGINT,
  UNIQUE (application_id, account_id, stage)
);
CREATE INDEX review_assignment_account ON review_assignment(account_id, submitted_at);

CREATE TABLE review_score (
  assignment_id BIGINT NOT NULL REFERENCES review_assignment(id) ON DELETE CASCADE,
  criterion_id BIGINT NOT NULL REFERENCES call_criterion(id) ON DELETE CASCADE,
  score BIGINT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assignment_id, criterion_id)
);

-- The shortlist as staff left it: the proposal's members (source
-- 'proposed') and every change by hand with its reason (also in the audit
-- log). The newest row per application decides.
CREATE TABLE shortlist_change (
  id {{ID}},
  call_id BIGINT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  application_id BIGINT NOT NULL REFERENCES application(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('proposed', 'added', 'removed')),
  reason TEXT NOT NULL DEFAULT '',
  by_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
  at BIGINT NOT NULL
);
CREATE INDEX shortlist_change_call ON shortlist_change(call_id, application_id, id);

-- Decision mails per call, kind and language, editable by staff; built-in
-- texts are used where none is written.
CREATE TABLE decision_template (
  call_id BIGINT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('accepted', 'waiting', 'rejected')),
  language TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (call_id, kind, language)
);
