-- Indexes on first_mention put NULLs first, as SQLite orders them and as the lists ask (ORDER BY first_mention ASC NULLS FIRST), so that a page in order of mention reads the index in order on both engines.
-- The order of first mention, the PostgreSQL counterpart of SQLite's 0007 and 0008. Hand-written:
-- drizzle-kit cannot express triggers. Each entity listed by mention keeps the smallest start
-- of the evidence spans citing it in `first_mention` (NULL when none), indexed with the id and
-- kept by triggers on `evidence` (insert, delete, update of start or the subject column). Left
-- out of the drizzle tables, as on SQLite: it is derived, so node documents do not carry it.
-- Each trigger recomputes the minimum from the spans it can see, as SQLite's do. SQLite has one
-- writer at a time; here two transactions writing spans of the same entity at once could each
-- miss the other's uncommitted span, so writes must be serialized (each takes the
-- revision_counter row lock first, which also numbers the revisions in commit order).;
--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "first_mention" integer;
--> statement-breakpoint
UPDATE "actors" SET "first_mention" = (SELECT min(e."start") FROM "evidence" AS e WHERE e."actor_id" = "actors"."id");
--> statement-breakpoint
CREATE INDEX "actors_mention_idx" ON "actors" ("first_mention" NULLS FIRST, "id");
--> statement-breakpoint
CREATE FUNCTION "actors_first_mention"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "actors" SET "first_mention" = (SELECT min(e."start") FROM "evidence" AS e WHERE e."actor_id" = "actors"."id")
  WHERE "id" IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD."actor_id" END, CASE WHEN TG_OP <> 'DELETE' THEN NEW."actor_id" END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "actors_first_mention_insert" AFTER INSERT ON "evidence" FOR EACH ROW WHEN (NEW."actor_id" IS NOT NULL) EXECUTE FUNCTION "actors_first_mention"();
--> statement-breakpoint
CREATE TRIGGER "actors_first_mention_delete" AFTER DELETE ON "evidence" FOR EACH ROW WHEN (OLD."actor_id" IS NOT NULL) EXECUTE FUNCTION "actors_first_mention"();
--> statement-breakpoint
CREATE TRIGGER "actors_first_mention_update" AFTER UPDATE OF "start", "actor_id" ON "evidence" FOR EACH ROW EXECUTE FUNCTION "actors_first_mention"();
--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "first_mention" integer;
--> statement-breakpoint
UPDATE "issues" SET "first_mention" = (SELECT min(e."start") FROM "evidence" AS e WHERE e."issue_id" = "issues"."id");
--> statement-breakpoint
CREATE INDEX "issues_mention_idx" ON "issues" ("first_mention" NULLS FIRST, "id");
--> statement-breakpoint
CREATE FUNCTION "issues_first_mention"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "issues" SET "first_mention" = (SELECT min(e."start") FROM "evidence" AS e WHERE e."issue_id" = "issues"."id")
  WHERE "id" IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD."issue_id" END, CASE WHEN TG_OP <> 'DELETE' THEN NEW."issue_id" END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "issues_first_mention_insert" AFTER INSERT ON "evidence" FOR EACH ROW WHEN (NEW."issue_id" IS NOT NULL) EXECUTE FUNCTION "issues_first_mention"();
--> statement-breakpoint
CREATE TRIGGER "issues_first_mention_delete" AFTER DELETE ON "evidence" FOR EACH ROW WHEN (OLD."issue_id" IS NOT NULL) EXECUTE FUNCTION "issues_first_mention"();
--> statement-breakpoint
CREATE TRIGGER "issues_first_mention_update" AFTER UPDATE OF "start", "issue_id" ON "evidence" FOR EACH ROW EXECUTE FUNCTION "issues_first_mention"();
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "first_mention" integer;
--> statement-breakpoint
UPDATE "events" SET "first_mention" = (SELECT min(e."start") FROM "evidence" AS e WHERE e."event_id" = "events"."id");
--> statement-breakpoint
CREATE INDEX "events_mention_idx" ON "events" ("first_mention" NULLS FIRST, "id");
--> statement-breakpoint
CREATE FUNCTION "events_first_mention"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "events" SET "first_mention" = (SELECT min(e."start") FROM "evidence" AS e WHERE e."event_id" = "events"."id")
  WHERE "id" IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD."event_id" END, CASE WHEN TG_OP <> 'DELETE' THEN NEW."event_id" END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "events_first_mention_insert" AFTER INSERT ON "evidence" FOR EACH ROW WHEN (NEW."event_id" IS NOT NULL) EXECUTE FUNCTION "events_first_mention"();
--> statement-breakpoint
CREATE TRIGGER "events_first_mention_delete" AFTER DELETE ON "evidence" FOR EACH ROW WHEN (OLD."event_id" IS NOT NULL) EXECUTE FUNCTION "events_first_mention"();
--> statement-breakpoint
CREATE TRIGGER "events_first_mention_update" AFTER UPDATE OF "start", "event_id" ON "evidence" FOR EACH ROW EXECUTE FUNCTION "events_first_mention"();
--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "first_mention" integer;
--> statement-breakpoint
UPDATE "statements" SET "first_mention" = (SELECT min(e."start") FROM "evidence" AS e WHERE e."statement_id" = "statements"."id");
--> statement-breakpoint
CREATE INDEX "statements_mention_idx" ON "statements" ("first_mention" NULLS FIRST, "id");
--> statement-breakpoint
CREATE FUNCTION "statements_first_mention"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "statements" SET "first_mention" = (SELECT min(e."start") FROM "evidence" AS e WHERE e."statement_id" = "statements"."id")
  WHERE "id" IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD."statement_id" END, CASE WHEN TG_OP <> 'DELETE' THEN NEW."statement_id" END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "statements_first_mention_insert" AFTER INSERT ON "evidence" FOR EACH ROW WHEN (NEW."statement_id" IS NOT NULL) EXECUTE FUNCTION "statements_first_mention"();
--> statement-breakpoint
CREATE TRIGGER "statements_first_mention_delete" AFTER DELETE ON "evidence" FOR EACH ROW WHEN (OLD."statement_id" IS NOT NULL) EXECUTE FUNCTION "statements_first_mention"();
--> statement-breakpoint
CREATE TRIGGER "statements_first_mention_update" AFTER UPDATE OF "start", "statement_id" ON "evidence" FOR EACH ROW EXECUTE FUNCTION "statements_first_mention"();
--> statement-breakpoint
-- Lists filtered by kind in the order of first mention (SQLite's 0008).
CREATE INDEX "statements_kind_mention_idx" ON "statements" ("kind", "first_mention" NULLS FIRST, "id");
--> statement-breakpoint
CREATE INDEX "events_kind_mention_idx" ON "events" ("kind", "first_mention" NULLS FIRST, "id");
