-- The spaces' search index (spaces/search_index.hpp) is derived data, kept on
-- every app server apart from the knowledge base's (which is public; posts
-- never are). Each server applies the rows of space_search_change past the
-- last one it has seen. The rows are written by triggers, so no writer of a
-- post or a thread can forget them: a post written, edited, hidden, shown
-- again, deleted or removed; a thread renamed, moved to another space or
-- removed. A thread's bookkeeping (last_post_at, post_count, pinned, locked)
-- changes nothing that is searched and writes no row.
CREATE TABLE space_search_change (
  id {{ID}},
  item_kind TEXT NOT NULL CHECK (item_kind IN ('post', 'thread')),
  item_id BIGINT NOT NULL,
  changed_at BIGINT NOT NULL
);
{{SQLITE}} CREATE TRIGGER post_search_insert AFTER INSERT ON post BEGIN INSERT INTO space_search_change (item_kind, item_id, changed_at) VALUES ('post', NEW.id, CAST(strftime('%s', 'now') AS INTEGER)); END;
{{SQLITE}} CREATE TRIGGER post_search_update AFTER UPDATE OF body, deleted_at, hidden_at, thread_id ON post BEGIN INSERT INTO space_search_change (item_kind, item_id, changed_at) VALUES ('post', NEW.id, CAST(strftime('%s', 'now') AS INTEGER)); END;
{{SQLITE}} CREATE TRIGGER post_search_delete AFTER DELETE ON post BEGIN INSERT INTO space_search_change (item_kind, item_id, changed_at) VALUES ('post', OLD.id, CAST(strftime('%s', 'now') AS INTEGER)); END;
{{SQLITE}} CREATE TRIGGER thread_search_update AFTER UPDATE OF title, space_id ON thread BEGIN INSERT INTO space_search_change (item_kind, item_id, changed_at) VALUES ('thread', NEW.id, CAST(strftime('%s', 'now') AS INTEGER)); END;
{{SQLITE}} CREATE TRIGGER thread_search_delete AFTER DELETE ON thread BEGIN INSERT INTO space_search_change (item_kind, item_id, changed_at) VALUES ('thread', OLD.id, CAST(strftime('%s', 'now') AS INTEGER)); END;
{{POSTGRESQL}} CREATE FUNCTION post_search_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'DELETE' THEN INSERT INTO space_search_change (item_kind, item_id, changed_at) VALUES ('post', OLD.id, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)); RETURN OLD; END IF; INSERT INTO space_search_change (item_kind, item_id, changed_at) VALUES ('post', NEW.id, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)); RETURN NEW; END $$;
{{POSTGRESQL}} CREATE TRIGGER post_search_insert AFTER INSERT ON post FOR EACH ROW EXECUTE FUNCTION post_search_change();
{{POSTGRESQL}} CREATE TRIGGER post_search_update AFTER UPDATE OF body, deleted_at, hidden_at, thread_id ON post FOR EACH ROW EXECUTE FUNCTION post_search_change();
{{POSTGRESQL}} CREATE TRIGGER post_search_delete AFTER DELETE ON post FOR EACH ROW EXECUTE FUNCTION post_search_change();
{{POSTGRESQL}} CREATE FUNCTION thread_search_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'DELETE' THEN INSERT INTO space_search_change (item_kind, item_id, changed_at) VALUES ('thread', OLD.id, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)); RETURN OLD; END IF; INSERT INTO space_search_change (item_kind, item_id, changed_at) VALUES ('thread', NEW.id, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)); RETURN NEW; END $$;
{{POSTGRESQL}} CREATE TRIGGER thread_search_update AFTER UPDATE OF title, space_id ON thread FOR EACH ROW EXECUTE FUNCTION thread_search_change();
{{POSTGRESQL}} CREATE TRIGGER thread_search_delete AFTER DELETE ON thread FOR EACH ROW EXECUTE FUNCTION thread_search_change();
