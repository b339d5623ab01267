-- Secrets crm keeps for itself, by name. 'signup': the key that signs the
-- time a sign-up form was shown (admissions/signup_service.hpp), so that a
-- form sent sooner than a person can fill it is recognised as a bot's
-- without any outside service. Made on first use.
CREATE TABLE form_key (
  name TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
