-- A reminder mail carries the personal link again, but only digests of
-- links are kept: so a reminder issues a new link (token_hash) and keeps
-- the one it replaces here, so that the link of the first mail still works.
-- An anonymous draft is found only through the token of the link it was
-- begun with (survey_response.resume_hash: a digest the invitation cannot
-- lead to), so it cannot be moved to the new link; keeping the old link
-- open keeps that draft reachable. Answering looks an invitation up by
-- either digest.
ALTER TABLE survey_invitation ADD COLUMN previous_token_hash TEXT;
CREATE UNIQUE INDEX survey_invitation_previous ON survey_invitation(previous_token_hash);
-- The dispatch job reads a round's invitations due for sending.
CREATE INDEX survey_invitation_round ON survey_invitation(round_id, sent_at, send_at);
