-- A person's email is no longer unique across crm. Staff of one programme who
-- import an address that belongs to a person of another programme get a new
-- record of their own (shown as new in the preview, like any address they
-- cannot see): matching across programmes was an oracle for who is in crm and
-- let one programme's staff take over another's people. An administrator, who
-- sees every programme, merges such records when they are the same person.
--
-- PostgreSQL drops the constraint; SQLite cannot drop a column constraint, so
-- the table is rebuilt (crm applies SQLite migrations with foreign keys off
-- and checks them before committing, as SQLite's documentation prescribes).

{{POSTGRESQL}} ALTER TABLE person DROP CONSTRAINT person_email_key;

{{SQLITE}} CREATE TABLE person_rebuilt (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id BIGINT UNIQUE REFERENCES account(id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  name_latin TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL,
  country TEXT NOT NULL,
  organisation_id BIGINT REFERENCES organisation(id) ON DELETE SET NULL,
  position TEXT NOT NULL DEFAULT '',
  gender TEXT,
  created_at BIGINT NOT NULL,
  languages TEXT NOT NULL DEFAULT '',
  expertise TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT '',
  bio TEXT NOT NULL DEFAULT '',
  visible_fields TEXT NOT NULL DEFAULT 'country,organisation,expertise',
  updated_at BIGINT NOT NULL DEFAULT 0,
  merged_into BIGINT REFERENCES person(id),
  erasure_requested_at BIGINT,
  erased_at BIGINT
);
{{SQLITE}} INSERT INTO person_rebuilt (id, account_id, name, name_latin, email, country,
  organisation_id, position, gender, created_at, languages, expertise, time_zone, bio,
  visible_fields, updated_at, merged_into, erasure_requested_at, erased_at)
  SELECT id, account_id, name, name_latin, email, country, organisation_id, position, gender,
  created_at, languages, expertise, time_zone, bio, visible_fields, updated_at, merged_into,
  erasure_requested_at, erased_at FROM person;
{{SQLITE}} DROP TABLE person;
{{SQLITE}} ALTER TABLE person_rebuilt RENAME TO person;
{{SQLITE}} CREATE INDEX person_country ON person(country);
{{SQLITE}} CREATE INDEX person_organisation ON person(organisation_id);
{{SQLITE}} CREATE INDEX person_name ON person(name);

CREATE INDEX person_email ON person(email);
