-- Accounts, sessions, invitations, password resets, login throttling, audit log, mail outbox.
-- Times are Unix seconds (UTC). Booleans are 0/1.

CREATE TABLE account (
  id {{ID}},
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT,
  language TEXT NOT NULL DEFAULT 'en',
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  totp_secret TEXT,
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE recovery_code (
  id {{ID}},
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  code_digest TEXT NOT NULL,
  used_at BIGINT
);
CREATE INDEX recovery_code_account ON recovery_code(account_id);

CREATE TABLE web_session (
  id_digest TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  second_factor_done INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX web_session_account ON web_session(account_id);

CREATE TABLE invitation (
  id {{ID}},
  token_digest TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  language TEXT NOT NULL,
  invited_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  accepted_at BIGINT,
  revoked_at BIGINT,
  account_id BIGINT REFERENCES account(id) ON DELETE SET NULL
);
CREATE INDEX invitation_invited_by ON invitation(invited_by, created_at);

CREATE TABLE password_reset (
  id {{ID}},
  token_digest TEXT NOT NULL UNIQUE,
  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);

CREATE TABLE login_attempt (
  id {{ID}},
  email TEXT NOT NULL,
  address TEXT NOT NULL,
  at BIGINT NOT NULL,
  succeeded INTEGER NOT NULL
);
CREATE INDEX login_attempt_email ON login_attempt(email, at);
CREATE INDEX login_attempt_address ON login_attempt(address, at);

CREATE TABLE audit_log (
  id {{ID}},
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_label TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL DEFAULT '',
  changes TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE mail_outbox (
  id {{ID}},
  to_address TEXT NOT NULL,
  to_name TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  locked_until BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
