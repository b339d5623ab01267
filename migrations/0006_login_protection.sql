-- Login protection (OWASP ASVS V2.2): progressive delays per account, per
-- network and per known device instead of hard lockouts; devices an account
-- signed in from; one warning mail per burst of failures; password-reset mail
-- limits; an atomic second-factor attempt counter.

-- Second-factor codes evaluated for an account in the window that began at
-- window_start (cleared by a right code). Each evaluation is claimed first by
-- one atomic upsert, so parallel requests cannot exceed the limit.
CREATE TABLE second_factor_throttle (
  account_id BIGINT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  attempts INTEGER NOT NULL,
  window_start BIGINT NOT NULL
);
