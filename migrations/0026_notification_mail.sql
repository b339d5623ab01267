-- Mails about what is new in the spaces (spaces/notification_mail.hpp) carry
-- an RFC 8058 one-click unsubscribe: the outbox keeps the URL its headers
-- are made from (built from a signed token only, never from user text).
ALTER TABLE mail_outbox ADD COLUMN list_unsubscribe TEXT NOT NULL DEFAULT '';

-- The one-click links of the daily and the weekly digest stop that digest
-- only, whatever each space is set to (spaces/notification_service.hpp).
ALTER TABLE notification_setting ADD COLUMN daily_digest INTEGER NOT NULL DEFAULT 1;
ALTER TABLE notification_setting ADD COLUMN weekly_digest INTEGER NOT NULL DEFAULT 1;
