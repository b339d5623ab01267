-- At most one valid (not revoked) certificate per person and cohort, also
-- when two members of staff issue at the same moment: the second is refused
-- by the database instead of making a duplicate. Revoked ones stay beside it.
CREATE UNIQUE INDEX certificate_valid_once ON certificate(person_id, cohort_id)
  WHERE revoked_at IS NULL;
