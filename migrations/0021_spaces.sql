-- Learning and exchange spaces (issue 14): a space per cohort and spaces across
-- cohorts (the programme's alumni, a theme, a region), their threads and
-- posts, attachments, materials and notifications. Times are Unix seconds
-- (UTC). Booleans are 0/1.
--
-- Everything online is done by an account: authors, readers, members and
-- the notified are accounts, so staff without a person record take part too.
-- Who belongs to a space is decided by the view space_membership (below), the
-- one rule every store joins: a cohort's space follows the cohort's
-- enrolments, the alumni space the programme's graduations, so no copy of
-- the members has to be kept in step; space_member adds people by hand.

CREATE TABLE space (
  id {{ID}},
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('cohort', 'alumni', 'theme', 'region')),
  cohort_id BIGINT UNIQUE REFERENCES cohort(id) ON DELETE CASCADE,
  -- Chatham House rule: what is said stays inside (spaces/policy.hpp).
  protected INTEGER NOT NULL DEFAULT 0,
  -- In a protected space: authors are shown to moderators only.
  authors_hidden INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  archived_at BIGINT
);
CREATE INDEX space_programme ON space(programme_id, kind);

-- Name and description per language. A cohort's space without a name of its
-- own is called by the cohort's name.
CREATE TABLE space_text (
  space_id BIGINT NOT NULL REFERENCES space(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (space_id, language)
);

-- People added by hand (theme and region spaces; moderators of any space).
CREATE TABLE space_member (
  space_id BIGINT NOT NULL REFERENCES space(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('member', 'moderator')),
  added_at BIGINT NOT NULL,
  PRIMARY KEY (space_id, account_id)
);
CREATE INDEX space_member_account ON space_member(account_id);

-- One row per (space, account, way of belonging); moderator 1 when that way
-- makes them one. Ways: added by hand; the cohort's participants (taking
-- part or graduated) and its lecturers, supervisors and staff (moderators);
-- graduates of any cohort of the programme in its alumni space; the
-- programme's team (moderators of every space of the programme). People
-- who withdrew or were not admitted are not in it, nor merged records.
CREATE VIEW space_membership AS
  SELECT sm.space_id AS space_id, sm.account_id AS account_id,
         CASE WHEN sm.role = 'moderator' THEN 1 ELSE 0 END AS moderator
    FROM space_member sm
  UNION ALL
  SELECT s.id, p.account_id, CASE WHEN e.role = 'participant' THEN 0 ELSE 1 END
    FROM space s JOIN enrolment e ON e.cohort_id = s.cohort_id
    JOIN person p ON p.id = e.person_id
   WHERE s.kind = 'cohort' AND p.account_id IS NOT NULL AND p.merged_into IS NULL
     AND ((e.role = 'participant' AND e.status IN ('participant', 'graduate'))
       OR (e.role <> 'participant' AND e.status NOT IN ('withdrawn', 'not_admitted')))
  UNION ALL
  SELECT s.id, p.account_id, 0
    FROM space s JOIN cohort c ON c.programme_id = s.programme_id
    JOIN enrolment e ON e.cohort_id = c.id JOIN person p ON p.id = e.person_id
   WHERE s.kind = 'alumni' AND e.role = 'participant' AND e.status = 'graduate'
     AND p.account_id IS NOT NULL AND p.merged_into IS NULL
  UNION ALL
  SELECT s.id, ps.account_id, 1
    FROM space s JOIN programme_staff ps ON ps.programme_id = s.programme_id
    JOIN account a ON a.id = ps.account_id
   WHERE a.role = 'staff';

-- Per reader and space: how they want to hear of what is new, and when they
-- last looked (what is newer is marked). A missing row means the defaults.
CREATE TABLE space_reader (
  space_id BIGINT NOT NULL REFERENCES space(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  notify TEXT NOT NULL DEFAULT 'daily' CHECK (notify IN ('immediate', 'daily', 'weekly', 'none')),
  last_visit_at BIGINT NOT NULL DEFAULT 0,
  materials_seen_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (space_id, account_id)
);
CREATE INDEX space_reader_account ON space_reader(account_id);

CREATE TABLE thread (
  id {{ID}},
  space_id BIGINT NOT NULL REFERENCES space(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  author_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
  pinned INTEGER NOT NULL DEFAULT 0,
  locked INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_post_at BIGINT NOT NULL,
  post_count BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX thread_space_order ON thread(space_id, pinned, last_post_at);

-- The first post of a thread is its opening text. A deleted post keeps its
-- place (replies refer to it) with its body emptied; a hidden one is shown to
-- its author with the moderator's reason and to moderators.
CREATE TABLE post (
  id {{ID}},
  thread_id BIGINT NOT NULL REFERENCES thread(id) ON DELETE CASCADE,
  author_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
  reply_to_post_id BIGINT REFERENCES post(id) ON DELETE SET NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  edited_at BIGINT,
  deleted_at BIGINT,
  hidden_at BIGINT,
  hidden_by_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
  hidden_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX post_thread ON post(thread_id, id);
CREATE INDEX post_author ON post(author_account_id);
CREATE INDEX post_created ON post(created_at);

-- Earlier texts of an edited post, for its space's moderators.
CREATE TABLE post_revision (
  id {{ID}},
  post_id BIGINT NOT NULL REFERENCES post(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  replaced_at BIGINT NOT NULL
);
CREATE INDEX post_revision_post ON post_revision(post_id, id);

CREATE TABLE post_mention (
  post_id BIGINT NOT NULL REFERENCES post(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  PRIMARY KEY (post_id, account_id)
);
CREATE INDEX post_mention_account ON post_mention(account_id);

-- A member's report of a post to the space's moderators; one open report per
-- member and post.
CREATE TABLE post_report (
  id {{ID}},
  post_id BIGINT NOT NULL REFERENCES post(id) ON DELETE CASCADE,
  reporter_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  resolved_at BIGINT,
  resolved_by_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
  UNIQUE (post_id, reporter_account_id)
);
CREATE INDEX post_report_open ON post_report(resolved_at, post_id);

-- Files attached to a post (sniffed, size-limited); an image also gets a small
-- copy that pages show instead of the original.
CREATE TABLE post_attachment (
  id {{ID}},
  post_id BIGINT NOT NULL REFERENCES post(id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  data {{BLOB}} NOT NULL,
  small_data {{BLOB}},
  small_content_type TEXT NOT NULL DEFAULT '',
  width BIGINT NOT NULL DEFAULT 0,
  height BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX post_attachment_post ON post_attachment(post_id);

-- How far a reader has read a thread (unread markers and counts).
CREATE TABLE thread_read (
  thread_id BIGINT NOT NULL REFERENCES thread(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  last_read_post_id BIGINT NOT NULL,
  PRIMARY KEY (thread_id, account_id)
);
CREATE INDEX thread_read_account ON thread_read(account_id);

-- A space's library: files (kept here, sniffed) and links. A newer version
-- points at the one it replaces (replaces_id); the older stays.
CREATE TABLE space_material (
  id {{ID}},
  space_id BIGINT NOT NULL REFERENCES space(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  module_id BIGINT REFERENCES module(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('file', 'link')),
  url TEXT NOT NULL DEFAULT '',
  filename TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  size BIGINT NOT NULL DEFAULT 0,
  data {{BLOB}},
  replaces_id BIGINT REFERENCES space_material(id) ON DELETE SET NULL,
  added_by_account_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX space_material_space ON space_material(space_id, created_at);

-- What a reader is told of: a new post in a space they follow, a reply to
-- their post, a mention, a new material, their post hidden. Only ids: the
-- text is read, under the reader's rights, when the list or a mail is made,
-- so nothing of a protected space is copied here.
CREATE TABLE notification (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('post', 'reply', 'mention', 'material', 'hidden')),
  space_id BIGINT NOT NULL REFERENCES space(id) ON DELETE CASCADE,
  thread_id BIGINT REFERENCES thread(id) ON DELETE CASCADE,
  post_id BIGINT REFERENCES post(id) ON DELETE CASCADE,
  material_id BIGINT REFERENCES space_material(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  mailed_at BIGINT
);
CREATE INDEX notification_account ON notification(account_id, read_at, id);
CREATE INDEX notification_mail ON notification(mailed_at, account_id);

-- Per account: mentions and replies mailed at once unless switched off, and
-- when the last digests went out (a digest covers what came since).
CREATE TABLE notification_setting (
  account_id BIGINT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  mentions INTEGER NOT NULL DEFAULT 1,
  replies INTEGER NOT NULL DEFAULT 1,
  last_daily_at BIGINT NOT NULL DEFAULT 0,
  last_weekly_at BIGINT NOT NULL DEFAULT 0
);

-- Every cohort gets its space, and every programme its alumni space, in the
-- same transaction that makes them.
INSERT INTO space (programme_id, kind, cohort_id, created_at)
  SELECT programme_id, 'cohort', id, starts_on FROM cohort;
INSERT INTO space (programme_id, kind, created_at)
  SELECT id, 'alumni', created_at FROM programme;
{{SQLITE}} CREATE TRIGGER cohort_space AFTER INSERT ON cohort BEGIN INSERT INTO space (programme_id, kind, cohort_id, created_at) VALUES (NEW.programme_id, 'cohort', NEW.id, CAST(strftime('%s', 'now') AS INTEGER)); END;
{{SQLITE}} CREATE TRIGGER programme_alumni_space AFTER INSERT ON programme BEGIN INSERT INTO space (programme_id, kind, created_at) VALUES (NEW.id, 'alumni', NEW.created_at); END;
{{POSTGRESQL}} CREATE FUNCTION cohort_space() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO space (programme_id, kind, cohort_id, created_at) VALUES (NEW.programme_id, 'cohort', NEW.id, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)); RETURN NEW; END $$;
{{POSTGRESQL}} CREATE TRIGGER cohort_space AFTER INSERT ON cohort FOR EACH ROW EXECUTE FUNCTION cohort_space();
{{POSTGRESQL}} CREATE FUNCTION programme_alumni_space() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO space (programme_id, kind, created_at) VALUES (NEW.id, 'alumni', NEW.created_at); RETURN NEW; END $$;
{{POSTGRESQL}} CREATE TRIGGER programme_alumni_space AFTER INSERT ON programme FOR EACH ROW EXECUTE FUNCTION programme_alumni_space();
