-- Programmes, cohorts, organisations, people and their enrolments.
-- Times are Unix seconds (UTC). Countries are ISO 3166-1 alpha-2 codes.

CREATE TABLE programme (
  id {{ID}},
  slug TEXT NOT NULL UNIQUE,
  anonymity_threshold BIGINT NOT NULL DEFAULT 5,
  created_at BIGINT NOT NULL
);

-- Name and description per language; pages fall back to English.
CREATE TABLE programme_text (
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (programme_id, language)
);

-- A country can hold several route roles in one programme: one row per role.
CREATE TABLE programme_country (
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  country TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('origin', 'transit', 'destination')),
  PRIMARY KEY (programme_id, country, role)
);
CREATE INDEX programme_country_role ON programme_country(programme_id, role, country);

CREATE TABLE cohort (
  id {{ID}},
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  number BIGINT NOT NULL,
  name TEXT NOT NULL,
  starts_on BIGINT NOT NULL,
  ends_on BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'open', 'running', 'completed')),
  regional_focus TEXT NOT NULL DEFAULT '',
  capacity BIGINT NOT NULL DEFAULT 0,
  location TEXT NOT NULL DEFAULT '',
  UNIQUE (programme_id, number)
);

CREATE TABLE organisation (
  id {{ID}},
  name TEXT NOT NULL,
  name_latin TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('ministry', 'authority', 'international', 'ngo', 'university', 'other')),
  UNIQUE (country, name)
);
CREATE INDEX organisation_type ON organisation(type);

CREATE TABLE person (
  id {{ID}},
  account_id BIGINT UNIQUE REFERENCES account(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  name_latin TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL UNIQUE,
  country TEXT NOT NULL,
  organisation_id BIGINT REFERENCES organisation(id) ON DELETE SET NULL,
  position TEXT NOT NULL DEFAULT '',
  gender TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX person_country ON person(country);
CREATE INDEX person_organisation ON person(organisation_id);

CREATE TABLE enrolment (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  cohort_id BIGINT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('participant', 'lecturer', 'supervisor', 'staff')),
  status TEXT NOT NULL CHECK (status IN ('applicant', 'admitted', 'participant', 'graduate', 'withdrawn', 'not_admitted')),
  created_at BIGINT NOT NULL,
  UNIQUE (person_id, cohort_id, role)
);
CREATE INDEX enrolment_cohort_status ON enrolment(cohort_id, status);
CREATE INDEX enrolment_cohort_person ON enrolment(cohort_id, person_id);

CREATE TABLE enrolment_status_history (
  id {{ID}},
  enrolment_id BIGINT NOT NULL REFERENCES enrolment(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  at BIGINT NOT NULL,
  by_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL
);
CREATE INDEX enrolment_status_history_enrolment ON enrolment_status_history(enrolment_id, at);
