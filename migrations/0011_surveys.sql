-- Surveys, their versions and questions, the rounds that send them, personal
-- links, responses and answers. Times are Unix seconds (UTC).
--
-- A survey is never changed under its responses: its questions belong to a
-- version; a version with a response (or sent in a round) is frozen, and
-- editing the survey then makes a new version. Each response stays tied to
-- the version it answered. Questions are paired across versions by `name`.
--
-- Anonymous surveys: survey_response has no person_id and nothing that leads
-- to the invitation. While an anonymous respondent answers, their draft is
-- found by resume_hash (a hash of their personal link's token, made with
-- another key than the invitation's token_hash, so neither leads to the
-- other without the token); it is cleared on submission. The invitation
-- keeps only whether its person has answered (for reminders), not when.
-- What a response is counted by in results (cohort, country, gender,
-- organisation type) is copied in when it is submitted: results never join
-- a response to a person, and the anonymity threshold (programme) holds in
-- every group shown.

CREATE TABLE survey (
  id {{ID}},
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  -- custom, or one of the built-in instruments (surveys/instruments.hpp)
  kind TEXT NOT NULL DEFAULT 'custom' CHECK (kind IN
    ('custom', 'session_feedback', 'useful', 'self_assessment', 'follow_up')),
  title TEXT NOT NULL,  -- the staff's working title; respondents see the version's texts
  anonymous BIGINT NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  archived_at BIGINT
);
CREATE INDEX survey_programme ON survey(programme_id, created_at);

CREATE TABLE survey_version (
  id {{ID}},
  survey_id BIGINT NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  number BIGINT NOT NULL,
  -- the languages the texts are written in, comma-separated ("en,de,ar"):
  -- a respondent reads their own if it is among them, else default_language
  languages TEXT NOT NULL,
  default_language TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  frozen_at BIGINT,  -- set by the first round or response: edits make a new version
  source TEXT NOT NULL DEFAULT 'builder' CHECK (source IN ('builder', 'instrument', 'xlsform')),
  UNIQUE (survey_id, number)
);

-- Title and the text before the first question, per language.
CREATE TABLE survey_version_text (
  version_id BIGINT NOT NULL REFERENCES survey_version(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  intro TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (version_id, language)
);

-- Questions in order. A 'section' starts a page of the answering form (its
-- label is the page's heading); 'note' is text without an answer.
-- relevant: "show if" on earlier answers, in XLSForm's expression syntax
-- (surveys/expression.hpp); constraint_expr likewise, with "." the answer.
-- likert: choices are the scale points, in order. matrix: rows are the
-- survey_choice rows with role 'row', the scale the rows with role 'choice'.
-- min_value/max_value bound integer and decimal answers.
-- indicator: the question a funder's indicator reads (reports), with the
-- choices that count as yes marked positive.
CREATE TABLE survey_question (
  id {{ID}},
  version_id BIGINT NOT NULL REFERENCES survey_version(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('section', 'note', 'single', 'multiple', 'likert', 'integer',
    'decimal', 'date', 'text', 'matrix')),
  required BIGINT NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  relevant TEXT NOT NULL DEFAULT '',
  constraint_expr TEXT NOT NULL DEFAULT '',
  min_value DOUBLE PRECISION,
  max_value DOUBLE PRECISION,
  indicator TEXT CHECK (indicator IN ('useful', 'using_skills')),
  UNIQUE (version_id, name)
);
CREATE INDEX survey_question_version ON survey_question(version_id, position);

CREATE TABLE survey_question_text (
  question_id BIGINT NOT NULL REFERENCES survey_question(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  label TEXT NOT NULL,
  hint TEXT NOT NULL DEFAULT '',
  constraint_message TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (question_id, language)
);

CREATE TABLE survey_choice (
  id {{ID}},
  question_id BIGINT NOT NULL REFERENCES survey_question(id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'choice' CHECK (role IN ('choice', 'row')),
  position BIGINT NOT NULL,
  name TEXT NOT NULL,
  positive BIGINT NOT NULL DEFAULT 0 CHECK (positive IN (0, 1)),
  UNIQUE (question_id, role, name)
);

CREATE TABLE survey_choice_text (
  choice_id BIGINT NOT NULL REFERENCES survey_choice(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (choice_id, language)
);

-- A sending of a survey: to a cohort's participants, a session's attendees,
-- or the graduates of a cohort `months_after` months after they completed
-- (each on their own date). phase pairs a self-assessment before and after.
CREATE TABLE survey_round (
  id {{ID}},
  survey_id BIGINT NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  audience TEXT NOT NULL CHECK (audience IN ('cohort', 'session', 'graduates')),
  cohort_id BIGINT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
  session_id BIGINT REFERENCES course_session(id) ON DELETE CASCADE,
  months_after BIGINT,
  phase TEXT NOT NULL DEFAULT '' CHECK (phase IN ('', 'pre', 'post')),
  opens_at BIGINT NOT NULL,
  closes_at BIGINT NOT NULL,
  reminder_days BIGINT NOT NULL DEFAULT 0,  -- 0: no reminder
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  cancelled_at BIGINT
);
CREATE INDEX survey_round_survey ON survey_round(survey_id);
CREATE INDEX survey_round_cohort ON survey_round(cohort_id);

-- A person asked in a round, with their personal link (only its hash is
-- kept). send_at: when the mail is due (graduates: completion + months).
CREATE TABLE survey_invitation (
  id {{ID}},
  round_id BIGINT NOT NULL REFERENCES survey_round(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  send_at BIGINT NOT NULL,
  sent_at BIGINT,
  reminded_at BIGINT,
  answered BIGINT NOT NULL DEFAULT 0 CHECK (answered IN (0, 1)),
  UNIQUE (round_id, person_id)
);
CREATE INDEX survey_invitation_due ON survey_invitation(sent_at, send_at);
CREATE INDEX survey_invitation_person ON survey_invitation(person_id);

-- A response, draft until submitted_on is set. person_id only when the
-- survey is identified. submitted_on: the day (UTC midnight), not the second.
-- page: the section the respondent reached (resuming starts there).
CREATE TABLE survey_response (
  id {{ID}},
  round_id BIGINT NOT NULL REFERENCES survey_round(id) ON DELETE CASCADE,
  version_id BIGINT NOT NULL REFERENCES survey_version(id),
  person_id BIGINT REFERENCES person(id) ON DELETE CASCADE,
  resume_hash TEXT UNIQUE,
  language TEXT NOT NULL,
  page BIGINT NOT NULL DEFAULT 0,
  submitted_on BIGINT,
  cohort_id BIGINT REFERENCES cohort(id) ON DELETE SET NULL,
  country TEXT NOT NULL DEFAULT '',
  gender TEXT NOT NULL DEFAULT 'not_given',  -- programme::gender_bucket
  organisation_type TEXT NOT NULL DEFAULT '',
  UNIQUE (round_id, person_id)
);
CREATE INDEX survey_response_round ON survey_response(round_id, submitted_on);
CREATE INDEX survey_response_person ON survey_response(person_id);

-- Answers: one row per question (per matrix row; per chosen choice of a
-- multiple choice). item: the matrix row's name, else ''. choice: the
-- chosen choice's name for single, multiple, likert and matrix, else ''.
CREATE TABLE survey_answer (
  response_id BIGINT NOT NULL REFERENCES survey_response(id) ON DELETE CASCADE,
  question_id BIGINT NOT NULL REFERENCES survey_question(id) ON DELETE CASCADE,
  item TEXT NOT NULL DEFAULT '',
  choice TEXT NOT NULL DEFAULT '',
  number DOUBLE PRECISION,
  text TEXT,
  PRIMARY KEY (response_id, question_id, item, choice)
);
CREATE INDEX survey_answer_question ON survey_answer(question_id, choice);
