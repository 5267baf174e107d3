-- Full-text search, the PostgreSQL counterpart of SQLite's 0001 as amended by 0007. Hand-written:
-- drizzle-kit cannot express generated tsvector columns, GIN indexes or triggers.
-- search_documents is the same table as on SQLite (one row per searchable text, the same
-- doc_key formats), kept by the same triggers, here PL/pgSQL. In place of SQLite's FTS5 index
-- (search_fts, external content), the row carries its own `tsv`, a stored generated column
-- with a GIN index; a GIN index answers prefix queries (`to_tsquery('simple', 'missil:*')`)
-- itself, so nothing stands for FTS5's `prefix='2 3'`.
-- FTS5's tokenizer is `unicode61 remove_diacritics 2`, without stemming: here the 'simple'
-- configuration (lower-cases, no stemming, no stop words) over kb_search_text(body): the body
-- with its diacritics removed by `unaccent` and every run of characters other than letters and
-- digits made one space. unicode61 splits words at every such character; PostgreSQL's parser
-- would not (`U.S.` is one host token `u.s`, `twelve-day` a compound word and its parts, each
-- at a position of its own), so a phrase of the query would not find what FTS5 finds.
-- unaccent() is only STABLE (its dictionary could change), which a generated column refuses;
-- kb_unaccent pins the dictionary and is declared IMMUTABLE.
-- A query (src/analysis/search-query.ts's compileTsquery: every word single-quoted) goes
-- through kb_search_query, which puts each quoted word through kb_search_text, so the words
-- are folded as the index folds them (`ß` is `ss`, `½` the phrase `1 2`) and nothing unaccent
-- makes of a letter (`ʼ` is a quote) can reach the tsquery's syntax:
-- `tsv @@ to_tsquery('simple', kb_search_query($1))`.
-- kb_headline is the configuration ts_headline marks the words of a snippet with: the original
-- body's words, unaccented, so `Téhéran` is marked for `tehran` while the snippet keeps its accents.
-- No setweight: each row is one field, and the field weights (name 2, summary 1, quote 0.5)
-- are applied to every match by src/analysis/search-ranking.ts on both engines; labelling the
-- tsvector as well would weigh a field twice.
-- Update triggers fire on their own text column for the tables that keep first_mention (as
-- amended on SQLite by 0007), on any update elsewhere (as SQLite's 0001 still does).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE FUNCTION kb_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
  SELECT unaccent('unaccent'::regdictionary, $1);
END;
--> statement-breakpoint
CREATE FUNCTION kb_search_text(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
  SELECT regexp_replace(kb_unaccent($1), '[^[:alnum:]]+', ' ', 'g');
END;
--> statement-breakpoint
-- The parts of the text between single quotes (the even ones, counting from 1) are words.
CREATE FUNCTION kb_search_query(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
  SELECT coalesce(string_agg(CASE WHEN p.i % 2 = 0 THEN '''' || kb_search_text(p.part) || '''' ELSE p.part END, '' ORDER BY p.i), '')
  FROM unnest(string_to_array($1, '''')) WITH ORDINALITY AS p(part, i);
END;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION kb_headline (COPY = simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION kb_headline ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart WITH unaccent, simple;
--> statement-breakpoint
CREATE TABLE "search_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"doc_key" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"entity_type" text COLLATE "C" NOT NULL,
	"field" text COLLATE "C" NOT NULL,
	"body" text NOT NULL,
	"tsv" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, kb_search_text("body"))) STORED
);
--> statement-breakpoint
CREATE UNIQUE INDEX "search_documents_key_uq" ON "search_documents" ("doc_key");
--> statement-breakpoint
CREATE INDEX "search_documents_entity_idx" ON "search_documents" ("entity_id");
--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");
--> statement-breakpoint
CREATE FUNCTION "search_actors_document"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_documents WHERE doc_key = 'actor-' || TG_ARGV[0] || ':' || OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body)
    VALUES ('actor-' || TG_ARGV[0] || ':' || NEW.id, NEW.id, 'Actor', TG_ARGV[0], CASE TG_ARGV[0] WHEN 'name' THEN NEW."name" WHEN 'description' THEN NEW."description" END);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_actors_name" AFTER INSERT OR UPDATE OF "name" OR DELETE ON "actors" FOR EACH ROW EXECUTE FUNCTION "search_actors_document"('name');
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'actor-name:' || t.id, t.id, 'Actor', 'name', t."name" FROM "actors" AS t;
--> statement-breakpoint
CREATE TRIGGER "search_actors_description" AFTER INSERT OR UPDATE OF "description" OR DELETE ON "actors" FOR EACH ROW EXECUTE FUNCTION "search_actors_document"('description');
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'actor-description:' || t.id, t.id, 'Actor', 'description', t."description" FROM "actors" AS t;
--> statement-breakpoint
CREATE FUNCTION "search_events_document"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_documents WHERE doc_key = 'event-' || TG_ARGV[0] || ':' || OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body)
    VALUES ('event-' || TG_ARGV[0] || ':' || NEW.id, NEW.id, 'Event', TG_ARGV[0], CASE TG_ARGV[0] WHEN 'title' THEN NEW."title" WHEN 'summary' THEN NEW."summary" END);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_events_title" AFTER INSERT OR UPDATE OF "title" OR DELETE ON "events" FOR EACH ROW EXECUTE FUNCTION "search_events_document"('title');
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'event-title:' || t.id, t.id, 'Event', 'title', t."title" FROM "events" AS t;
--> statement-breakpoint
CREATE TRIGGER "search_events_summary" AFTER INSERT OR UPDATE OF "summary" OR DELETE ON "events" FOR EACH ROW EXECUTE FUNCTION "search_events_document"('summary');
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'event-summary:' || t.id, t.id, 'Event', 'summary', t."summary" FROM "events" AS t;
--> statement-breakpoint
CREATE FUNCTION "search_statements_document"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_documents WHERE doc_key = 'statement-' || TG_ARGV[0] || ':' || OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body)
    VALUES ('statement-' || TG_ARGV[0] || ':' || NEW.id, NEW.id, 'Statement', TG_ARGV[0], NEW."summary");
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_statements_summary" AFTER INSERT OR UPDATE OF "summary" OR DELETE ON "statements" FOR EACH ROW EXECUTE FUNCTION "search_statements_document"('summary');
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'statement-summary:' || t.id, t.id, 'Statement', 'summary', t."summary" FROM "statements" AS t;
--> statement-breakpoint
CREATE FUNCTION "search_issues_document"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_documents WHERE doc_key = 'issue-' || TG_ARGV[0] || ':' || OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body)
    VALUES ('issue-' || TG_ARGV[0] || ':' || NEW.id, NEW.id, 'Issue', TG_ARGV[0], CASE TG_ARGV[0] WHEN 'name' THEN NEW."name" WHEN 'description' THEN NEW."description" END);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_issues_name" AFTER INSERT OR UPDATE OF "name" OR DELETE ON "issues" FOR EACH ROW EXECUTE FUNCTION "search_issues_document"('name');
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'issue-name:' || t.id, t.id, 'Issue', 'name', t."name" FROM "issues" AS t;
--> statement-breakpoint
CREATE TRIGGER "search_issues_description" AFTER INSERT OR UPDATE OF "description" OR DELETE ON "issues" FOR EACH ROW EXECUTE FUNCTION "search_issues_document"('description');
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'issue-description:' || t.id, t.id, 'Issue', 'description', t."description" FROM "issues" AS t;
--> statement-breakpoint
CREATE FUNCTION "search_positions_document"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_documents WHERE doc_key = 'position-' || TG_ARGV[0] || ':' || OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body)
    VALUES ('position-' || TG_ARGV[0] || ':' || NEW.id, NEW.id, 'Position', TG_ARGV[0], NEW."summary");
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_positions_summary" AFTER INSERT OR UPDATE OR DELETE ON "positions" FOR EACH ROW EXECUTE FUNCTION "search_positions_document"('summary');
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'position-summary:' || t.id, t.id, 'Position', 'summary', t."summary" FROM "positions" AS t;
--> statement-breakpoint
CREATE FUNCTION "search_places_document"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_documents WHERE doc_key = 'place-' || TG_ARGV[0] || ':' || OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body)
    VALUES ('place-' || TG_ARGV[0] || ':' || NEW.id, NEW.id, 'Place', TG_ARGV[0], NEW."name");
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_places_name" AFTER INSERT OR UPDATE OR DELETE ON "places" FOR EACH ROW EXECUTE FUNCTION "search_places_document"('name');
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'place-name:' || t.id, t.id, 'Place', 'name', t."name" FROM "places" AS t;
--> statement-breakpoint
CREATE FUNCTION "search_sources_document"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_documents WHERE doc_key = 'source-' || TG_ARGV[0] || ':' || OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body)
    VALUES ('source-' || TG_ARGV[0] || ':' || NEW.id, NEW.id, 'Source', TG_ARGV[0], NEW."title");
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_sources_title" AFTER INSERT OR UPDATE OR DELETE ON "sources" FOR EACH ROW EXECUTE FUNCTION "search_sources_document"('title');
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'source-title:' || t.id, t.id, 'Source', 'title', t."title" FROM "sources" AS t;
--> statement-breakpoint
CREATE FUNCTION "search_actor_aliases_document"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_documents WHERE doc_key = 'alias:' || OLD.actor_id || ':' || OLD.alias;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body)
    VALUES ('alias:' || NEW.actor_id || ':' || NEW.alias, NEW.actor_id, 'Actor', 'alias', NEW.alias);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_actor_aliases_alias" AFTER INSERT OR UPDATE OR DELETE ON "actor_aliases" FOR EACH ROW EXECUTE FUNCTION "search_actor_aliases_document"();
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'alias:' || t.actor_id || ':' || t.alias, t.actor_id, 'Actor', 'alias', t.alias FROM "actor_aliases" AS t;
--> statement-breakpoint
-- A quoted span counts for the entity it cites; an obstacle's span for the obstacle's issue;
-- a span citing a relation or an affiliation is not searched.
CREATE FUNCTION "search_evidence_document"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entity text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM search_documents WHERE doc_key = 'evidence:' || OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    entity := coalesce(NEW.actor_id, NEW.event_id, NEW.statement_id, NEW.issue_id, NEW.position_id, (SELECT o.issue_id FROM issue_obstacles AS o WHERE o.id = NEW.obstacle_id));
    IF entity IS NOT NULL THEN
      INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body)
      VALUES ('evidence:' || NEW.id, entity,
              CASE WHEN NEW.actor_id IS NOT NULL THEN 'Actor' WHEN NEW.event_id IS NOT NULL THEN 'Event' WHEN NEW.statement_id IS NOT NULL THEN 'Statement' WHEN NEW.position_id IS NOT NULL THEN 'Position' ELSE 'Issue' END,
              'quote', NEW.exact);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "search_evidence_quote" AFTER INSERT OR UPDATE OR DELETE ON "evidence" FOR EACH ROW EXECUTE FUNCTION "search_evidence_document"();
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'evidence:' || t.id, coalesce(t.actor_id, t.event_id, t.statement_id, t.issue_id, t.position_id, (SELECT o.issue_id FROM issue_obstacles AS o WHERE o.id = t.obstacle_id)), CASE WHEN t.actor_id IS NOT NULL THEN 'Actor' WHEN t.event_id IS NOT NULL THEN 'Event' WHEN t.statement_id IS NOT NULL THEN 'Statement' WHEN t.position_id IS NOT NULL THEN 'Position' ELSE 'Issue' END, 'quote', t.exact FROM "evidence" AS t WHERE coalesce(t.actor_id, t.event_id, t.statement_id, t.issue_id, t.position_id, (SELECT o.issue_id FROM issue_obstacles AS o WHERE o.id = t.obstacle_id)) IS NOT NULL;
