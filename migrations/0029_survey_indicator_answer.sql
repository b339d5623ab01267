-- What the funder's indicator report counts (reports/store.cpp): one row per
-- submitted response and indicator it answered, with the facts it is counted
-- by and whether a chosen choice is positive. Written in the transaction that
-- submits the response (surveys/answer_store.hpp, record_indicator_answers),
-- from the response's answers; a submitted response and its answers never
-- change, and the row goes with the response.
--
-- Why a table of its own: counting from the answers joined ~350,000 answers
-- to their responses and rounds and took 0.7 s of the report's 1 s at demo
-- scale 100 with 230,000 responses (bench/surveys.sh); this index holds the
-- rows in the order the report groups them, so the count reads it once, in
-- order (about 0.12 s).
CREATE TABLE survey_indicator_answer (
  response_id BIGINT NOT NULL REFERENCES survey_response(id) ON DELETE CASCADE,
  indicator TEXT NOT NULL CHECK (indicator IN ('useful', 'using_skills')),
  programme_id BIGINT NOT NULL,          -- the survey's
  cohort_id BIGINT NOT NULL,             -- the response's, else its round's
  country TEXT NOT NULL,                 -- the response's facts
  gender TEXT NOT NULL,
  organisation_type TEXT NOT NULL,
  audience TEXT NOT NULL,                -- the round's
  months_after BIGINT NOT NULL,          -- the round's, 0 when none
  submitted_on BIGINT NOT NULL,
  positive BIGINT NOT NULL CHECK (positive IN (0, 1)),
  PRIMARY KEY (response_id, indicator)
);
CREATE INDEX survey_indicator_answer_count ON survey_indicator_answer(programme_id, cohort_id,
  country, gender, organisation_type, indicator, audience, months_after, submitted_on, positive);

-- The responses submitted before this table: the same statement as
-- record_missing_indicator_answers.
INSERT INTO survey_indicator_answer (response_id, indicator, programme_id, cohort_id, country,
  gender, organisation_type, audience, months_after, submitted_on, positive)
SELECT r.id, q.indicator, sv.programme_id, COALESCE(r.cohort_id, rd.cohort_id, 0), r.country,
  r.gender, r.organisation_type, rd.audience, COALESCE(rd.months_after, 0), r.submitted_on,
  MAX(COALESCE(ch.positive, 0))
FROM survey_response r
JOIN survey_round rd ON rd.id = r.round_id
JOIN survey sv ON sv.id = rd.survey_id
JOIN survey_answer a ON a.response_id = r.id
JOIN survey_question q ON q.id = a.question_id AND q.indicator IS NOT NULL
LEFT JOIN survey_choice ch ON ch.question_id = q.id AND ch.role = 'choice' AND ch.name = a.choice
WHERE r.submitted_on IS NOT NULL
GROUP BY r.id, q.indicator, sv.programme_id, r.cohort_id, rd.cohort_id, r.country, r.gender,
  r.organisation_type, rd.audience, rd.months_after, r.submitted_on;
