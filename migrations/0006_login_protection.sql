-- Login protection (OWASP ASVS V2.2): progressive delays per account, per
-- network and per known device instead of hard lockouts; devices an account
-- signed in from; one warning mail per burst of failures; password-reset mail
-- limits; an atomic second-factor attempt counter.

-- What an attempt was ('password', 'second_factor', 'reset' for a reset
-- request), the network it counts against (auth: the address, or the /64 of
-- an IPv6 address) and the known device it came from ('' when none).
ALTER TABLE login_attempt ADD COLUMN kind TEXT NOT NULL DEFAULT 'password';
ALTER TABLE login_attempt ADD COLUMN network TEXT NOT NULL DEFAULT '';
ALTER TABLE login_attempt ADD COLUMN device TEXT NOT NULL DEFAULT '';
CREATE INDEX login_attempt_network ON login_attempt(network, at);

-- A browser that signed in to an account: the SHA-256 digest of the random
-- token in its crm_device cookie. One browser may be known to several accounts.
CREATE TABLE known_device (
  token_digest TEXT NOT NULL,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  PRIMARY KEY (token_digest, account_id)
);
CREATE INDEX known_device_account ON known_device(account_id);

-- When the owner was last warned of failed logins, and when a reset mail was
-- last sent (each claimed by one conditional UPDATE of the account row).
ALTER TABLE account ADD COLUMN login_alert_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN reset_mail_at BIGINT NOT NULL DEFAULT 0;

-- Second-factor codes evaluated for an account in the window that began at
-- window_start (cleared by a right code). Each evaluation is claimed first by
-- one atomic upsert, so parallel requests cannot exceed the limit.
CREATE TABLE second_factor_throttle (
  account_id BIGINT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  attempts INTEGER NOT NULL,
  window_start BIGINT NOT NULL
);

-- A reset link ends when another one is used or the password changes.
ALTER TABLE password_reset ADD COLUMN revoked_at BIGINT;
