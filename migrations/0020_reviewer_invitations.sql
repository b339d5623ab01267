-- Reviewers invited by address before they have an account (issue 13 §3).
-- What staff said of them (organisation and country, for the conflict rules)
-- waits here until an account with that address exists; then the reviewer
-- joins the call (admissions/review_service.hpp: add_reviewer) and the row
-- goes. Addresses are kept as auth normalises them (lower case).
CREATE TABLE call_reviewer_invitation (
  call_id BIGINT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  organisation_name TEXT NOT NULL,
  country TEXT NOT NULL,
  invited_at BIGINT NOT NULL,
  PRIMARY KEY (call_id, email)
);
