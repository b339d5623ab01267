-- What the mail jobs look for among the notifications not mailed yet
-- (spaces/notification_store.cpp): most of them are posts waiting for a
-- digest, so an index on mailed_at alone made every "spaces.notify" job read
-- all of them (0.5 s at demo scale 100; bench/spaces.sh). One small index for
-- mentions and replies, due at once, and one for posts and materials, found
-- by their reader and space.
DROP INDEX notification_mail;
CREATE INDEX notification_unmailed_direct ON notification(id) WHERE mailed_at IS NULL AND kind IN ('mention', 'reply');
CREATE INDEX notification_unmailed_post ON notification(account_id, space_id) WHERE mailed_at IS NULL AND kind IN ('post', 'material');
