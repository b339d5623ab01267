-- The people import matches a file's organisations by name (then country) in
-- batches of `name IN (…)`: without this index every batch scans the whole
-- organisation table (EXPLAIN QUERY PLAN at demo --scale 100: SCAN
-- organisation). The cohort pages' queries already search by index.
CREATE INDEX organisation_name ON organisation(name);
