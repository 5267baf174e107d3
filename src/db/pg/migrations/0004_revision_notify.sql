-- Live updates across servers: every revision row announces itself on the channel
-- `kb_revisions` with its number. pg_notify inside the writing transaction is delivered at its
-- commit, and never for a transaction that rolls back, so a listener hears only revisions it
-- can read; a row trigger covers every path that writes revisions (a mutation, the seed, an
-- import by COPY). A listener reads the revisions themselves from the table (src/live/revision-feed.ts),
-- so a notification lost while it was disconnected costs nothing: it catches up on reconnecting.
CREATE FUNCTION "kb_notify_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kb_revisions', NEW."number"::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "revisions_notify" AFTER INSERT ON "revisions" FOR EACH ROW EXECUTE FUNCTION "kb_notify_revision"();
