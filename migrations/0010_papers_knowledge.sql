-- Final papers and their supervision, practice projects, curated outside
-- resources, publication with the author's consent, and the change log the
-- search index of every app server follows. Times are Unix seconds (UTC).
--
-- Tags (topic, country, target group, reintegration dimension, Global Compact
-- objective, SDG) have the same shape for papers, projects and resources: one
-- row per (kind, value). Countries are ISO 3166 alpha-2 codes; target groups,
-- dimensions, GCM objectives (1–23) and SDGs (1–17) are codes of the fixed
-- lists in src/knowledge/vocabulary.hpp; topics are free text in the
-- writer's language.

-- What a cohort asks of its papers: milestones with due dates …
CREATE TABLE paper_milestone (
  cohort_id BIGINT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('proposal', 'draft', 'final')),
  due_at BIGINT NOT NULL,
  PRIMARY KEY (cohort_id, kind)
);

-- … and the rubric supervisors assess them with: criteria scored 0..scale_max.
CREATE TABLE rubric_criterion (
  id {{ID}},
  cohort_id BIGINT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
  position BIGINT NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  scale_max BIGINT NOT NULL DEFAULT 5 CHECK (scale_max BETWEEN 1 AND 100),
  created_at BIGINT NOT NULL
);
CREATE INDEX rubric_criterion_cohort ON rubric_criterion(cohort_id, position);

-- One paper per participant and cohort. status follows the supervision:
-- draft (nothing submitted yet) → submitted → revisions (revisions required)
-- → submitted … → accepted or rejected. supervisor_id is a person (usually a
-- lecturer of the cohort).
CREATE TABLE paper (
  id {{ID}},
  cohort_id BIGINT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  supervisor_id BIGINT REFERENCES person(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'revisions', 'accepted', 'rejected')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (cohort_id, person_id)
);
CREATE INDEX paper_person ON paper(person_id);
CREATE INDEX paper_supervisor ON paper(supervisor_id);

-- Title and abstract per language (each text marked with its language, so
-- the search index stems it in that language).
CREATE TABLE paper_text (
  paper_id BIGINT NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  abstract TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (paper_id, language)
);

CREATE TABLE paper_tag (
  paper_id BIGINT NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('topic', 'country', 'target_group', 'dimension', 'gcm', 'sdg')),
  value TEXT NOT NULL,
  PRIMARY KEY (paper_id, kind, value)
);
CREATE INDEX paper_tag_value ON paper_tag(kind, value);

-- Every uploaded version is kept. milestone: which milestone it answers.
-- extracted_text: the file's plain text for the search index, filled by a job
-- (NULL: not extracted yet; '' when the file has no text).
CREATE TABLE paper_version (
  id {{ID}},
  paper_id BIGINT NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
  number BIGINT NOT NULL,
  milestone TEXT NOT NULL CHECK (milestone IN ('proposal', 'draft', 'final')),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  data {{BLOB}},
  note TEXT NOT NULL DEFAULT '',
  extracted_text TEXT,
  uploaded_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  uploaded_at BIGINT NOT NULL,
  UNIQUE (paper_id, number)
);

CREATE TABLE paper_comment (
  id {{ID}},
  version_id BIGINT NOT NULL REFERENCES paper_version(id) ON DELETE CASCADE,
  author_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX paper_comment_version ON paper_comment(version_id, created_at);

-- A supervisor's assessment of one version: a score per rubric criterion and
-- a decision. The newest assessment decides the paper's status.
CREATE TABLE paper_assessment (
  id {{ID}},
  paper_id BIGINT NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
  version_id BIGINT NOT NULL REFERENCES paper_version(id) ON DELETE CASCADE,
  decision TEXT NOT NULL CHECK (decision IN ('accepted', 'revisions', 'rejected')),
  feedback TEXT NOT NULL DEFAULT '',
  assessed_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  assessed_at BIGINT NOT NULL
);
CREATE INDEX paper_assessment_paper ON paper_assessment(paper_id, assessed_at);

CREATE TABLE paper_assessment_score (
  assessment_id BIGINT NOT NULL REFERENCES paper_assessment(id) ON DELETE CASCADE,
  criterion_id BIGINT NOT NULL REFERENCES rubric_criterion(id) ON DELETE CASCADE,
  score BIGINT NOT NULL CHECK (score >= 0),
  PRIMARY KEY (assessment_id, criterion_id)
);

-- A practice-project idea of a programme, standing alone or grown from a
-- paper. The team may come from different cohorts (project_member). language:
-- the language its texts are written in.
CREATE TABLE project (
  id {{ID}},
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  paper_id BIGINT REFERENCES paper(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  problem TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'idea'
    CHECK (status IN ('idea', 'preparation', 'running', 'completed')),
  created_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX project_programme ON project(programme_id, updated_at);

CREATE TABLE project_member (
  project_id BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('lead', 'member')),
  joined_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, person_id)
);
CREATE INDEX project_member_person ON project_member(person_id);

-- Partner organisations: one of crm's organisations, or just a name.
CREATE TABLE project_partner (
  id {{ID}},
  project_id BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  organisation_id BIGINT REFERENCES organisation(id) ON DELETE SET NULL,
  name TEXT NOT NULL
);
CREATE INDEX project_partner_project ON project_partner(project_id);

CREATE TABLE project_update (
  id {{ID}},
  project_id BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  happened_on BIGINT NOT NULL,
  body TEXT NOT NULL,
  author_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX project_update_project ON project_update(project_id, happened_on);

CREATE TABLE project_tag (
  project_id BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('topic', 'country', 'target_group', 'dimension', 'gcm', 'sdg')),
  value TEXT NOT NULL,
  PRIMARY KEY (project_id, kind, value)
);
CREATE INDEX project_tag_value ON project_tag(kind, value);

-- An outside publication the programme's staff curate for the knowledge
-- base. Published (public) once published_at is set; staff can unpublish.
CREATE TABLE resource (
  id {{ID}},
  programme_id BIGINT NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('report', 'manual', 'guideline', 'study', 'policy')),
  title TEXT NOT NULL,
  authors TEXT NOT NULL DEFAULT '',
  publisher TEXT NOT NULL DEFAULT '',
  year BIGINT,
  language TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  filename TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  size BIGINT NOT NULL DEFAULT 0,
  data {{BLOB}},
  extracted_text TEXT,
  published_at BIGINT,
  created_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX resource_programme ON resource(programme_id, updated_at);

CREATE TABLE resource_tag (
  resource_id BIGINT NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('topic', 'country', 'target_group', 'dimension', 'gcm', 'sdg')),
  value TEXT NOT NULL,
  PRIMARY KEY (resource_id, kind, value)
);
CREATE INDEX resource_tag_value ON resource_tag(kind, value);

-- A paper or project the author agreed to publish. The row's id is the
-- work's stable public number (/knowledge/{id}); withdrawing consent sets
-- withdrawn_at (the work is gone from every public page at once) and giving
-- it again clears it, keeping the number. For papers, version_id is the
-- accepted version whose file the public may download.
CREATE TABLE publication (
  id {{ID}},
  work_kind TEXT NOT NULL CHECK (work_kind IN ('paper', 'project')),
  work_id BIGINT NOT NULL,
  version_id BIGINT REFERENCES paper_version(id) ON DELETE SET NULL,
  consent_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  consent_at BIGINT NOT NULL,
  published_at BIGINT NOT NULL,
  withdrawn_at BIGINT,
  UNIQUE (work_kind, work_id)
);

-- What changed for the search index: every write to a paper, project,
-- resource, publication or to a person named in them appends a row in the
-- same transaction. Each app server applies rows past the last id it has
-- seen (kept inside its own index), so several servers on one PostgreSQL all
-- find new work; the index itself is rebuildable (`crm reindex`).
CREATE TABLE search_change (
  id {{ID}},
  work_kind TEXT NOT NULL CHECK (work_kind IN ('paper', 'project', 'resource')),
  work_id BIGINT NOT NULL,
  changed_at BIGINT NOT NULL
);
