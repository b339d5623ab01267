-- One person record from applicant to alumnus: profile and per-field
-- visibility, photo, consent, merge and erasure; the programme's funders and
-- team; cohort semesters and composition targets; CSV imports awaiting
-- confirmation. Times are Unix seconds (UTC).

CREATE TABLE programme_funder (
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (programme_id, position)
);

-- The staff who run a programme. Staff see the people of their programmes
-- only; admins see every programme.
CREATE TABLE programme_staff (
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  PRIMARY KEY (programme_id, account_id)
);
CREATE INDEX programme_staff_account ON programme_staff(account_id);

ALTER TABLE cohort ADD COLUMN semesters BIGINT NOT NULL DEFAULT 2;

-- The composition a cohort aims for: a share in percent per value of a
-- dimension ("route_role": origin/transit/destination, "gender",
-- "organisation_type", "country").
CREATE TABLE cohort_target (
  cohort_id BIGINT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
  dimension TEXT NOT NULL CHECK (dimension IN ('route_role', 'gender', 'organisation_type', 'country')),
  value TEXT NOT NULL,
  share_percent BIGINT NOT NULL CHECK (share_percent BETWEEN 0 AND 100),
  PRIMARY KEY (cohort_id, dimension, value)
);

-- Languages: comma-separated language codes ("ar,en,fr"). Expertise: topics
-- separated by commas. visible_fields: what other participants and alumni may
-- see besides the name, comma-separated from: country, organisation, position,
-- email, languages, expertise, bio, photo.
ALTER TABLE person ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN expertise TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN bio TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN visible_fields TEXT NOT NULL DEFAULT 'country,organisation,expertise';
ALTER TABLE person ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
-- A record merged into another keeps its id (old links still resolve) but
-- holds no data any more; everything it had now belongs to merged_into.
ALTER TABLE person ADD COLUMN merged_into BIGINT REFERENCES person(id);
-- Erasure: asked for by the person, confirmed by staff. An erased record keeps
-- only what reports count (country, organisation type through the
-- organisation, gender, enrolments) and nothing that names the person.
ALTER TABLE person ADD COLUMN erasure_requested_at BIGINT;
ALTER TABLE person ADD COLUMN erased_at BIGINT;

CREATE TABLE person_photo (
  person_id BIGINT PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
  content_type TEXT NOT NULL,
  data {{BLOB}} NOT NULL,
  updated_at BIGINT NOT NULL
);

-- What a person agreed to and when; a withdrawal closes the row, a new
-- agreement opens a new one, so the history stays.
CREATE TABLE consent (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('participation', 'directory', 'media')),
  given_at BIGINT NOT NULL,
  withdrawn_at BIGINT,
  recorded_by_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL
);
CREATE INDEX consent_person ON consent(person_id, purpose);

-- An uploaded CSV between its preview and the staff member's confirmation.
CREATE TABLE person_import (
  id {{ID}},
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  cohort_id BIGINT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  content {{BLOB}} NOT NULL,
  created_at BIGINT NOT NULL,
  committed_at BIGINT
);

CREATE INDEX enrolment_person ON enrolment(person_id);
CREATE INDEX person_name ON person(name);
