-- The root lists in their default order, and the dated events by start year: the PostgreSQL
-- counterpart of SQLite's 0009 and 0010. Hand-written, as on SQLite, and left out of the
-- drizzle tables. SQLite orders by `name COLLATE NOCASE`; PostgreSQL has no NOCASE collation
-- (a nondeterministic ICU one would forbid the range reads a cursor needs), so these are
-- expression indexes on lower(name), and a PostgreSQL query orders by `lower(name), id` (the
-- exact expression, or the index is not used). NOCASE folds ASCII letters only; lower() folds
-- per the database's LC_CTYPE (every letter under C.UTF-8 or a language locale, ASCII only
-- under C), and the database's collation orders the result. A database created with
-- LOCALE 'C' orders names and ids exactly as SQLite does.
CREATE INDEX "actors_name_idx" ON "actors" (lower("name"), "id");
--> statement-breakpoint
CREATE INDEX "actors_kind_name_idx" ON "actors" ("kind", lower("name"), "id");
--> statement-breakpoint
CREATE INDEX "events_title_idx" ON "events" (lower("title"), "id");
--> statement-breakpoint
CREATE INDEX "issues_name_idx" ON "issues" (lower("name"), "id");
--> statement-breakpoint
CREATE INDEX "sources_title_idx" ON "sources" (lower("title"), "id");
--> statement-breakpoint
-- Exactly the events with a known date, by start year (SQLite's 0009): a timeline reads a range of it.
CREATE INDEX "events_start_year_idx" ON "events" ("start_year") WHERE "start_precision" <> 'UNKNOWN' AND "start_year" IS NOT NULL;
