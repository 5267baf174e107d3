-- Full-text search (issue 3). Hand-written: drizzle-kit cannot express FTS5 or triggers.
-- search_documents holds one row per searchable text (a name, an alias, a summary, a quoted
-- span; an obstacle's quote counts for its issue), keyed so a trigger can find it again; search_fts is an FTS5 index over it
-- (external content), case- and diacritic-insensitive, with prefix indexes for `missil*`.
-- Triggers on every source table keep both in sync on insert, update and delete.
CREATE TABLE `search_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_key` text NOT NULL,
	`entity_id` text NOT NULL,
	`entity_type` text NOT NULL,
	`field` text NOT NULL,
	`body` text NOT NULL
)
--> statement-breakpoint
CREATE UNIQUE INDEX `search_documents_key_uq` ON `search_documents` (`doc_key`)
--> statement-breakpoint
CREATE INDEX `search_documents_entity_idx` ON `search_documents` (`entity_id`)
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts` USING fts5(body, content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')
--> statement-breakpoint
CREATE TRIGGER `search_documents_ai` AFTER INSERT ON `search_documents` BEGIN INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END
--> statement-breakpoint
CREATE TRIGGER `search_documents_ad` AFTER DELETE ON `search_documents` BEGIN INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END
--> statement-breakpoint
CREATE TRIGGER `search_documents_au` AFTER UPDATE ON `search_documents` BEGIN INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END
--> statement-breakpoint
CREATE TRIGGER `search_actors_name_ai` AFTER INSERT ON `actors` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'actor-name:' || new.id, new.id, 'Actor', 'name', new.name; END
--> statement-breakpoint
CREATE TRIGGER `search_actors_name_ad` AFTER DELETE ON `actors` BEGIN DELETE FROM search_documents WHERE doc_key = 'actor-name:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_actors_name_au` AFTER UPDATE ON `actors` BEGIN DELETE FROM search_documents WHERE doc_key = 'actor-name:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'actor-name:' || new.id, new.id, 'Actor', 'name', new.name; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'actor-name:' || t.id, t.id, 'Actor', 'name', t.name FROM `actors` AS t
--> statement-breakpoint
CREATE TRIGGER `search_actors_description_ai` AFTER INSERT ON `actors` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'actor-description:' || new.id, new.id, 'Actor', 'description', new.description; END
--> statement-breakpoint
CREATE TRIGGER `search_actors_description_ad` AFTER DELETE ON `actors` BEGIN DELETE FROM search_documents WHERE doc_key = 'actor-description:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_actors_description_au` AFTER UPDATE ON `actors` BEGIN DELETE FROM search_documents WHERE doc_key = 'actor-description:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'actor-description:' || new.id, new.id, 'Actor', 'description', new.description; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'actor-description:' || t.id, t.id, 'Actor', 'description', t.description FROM `actors` AS t
--> statement-breakpoint
CREATE TRIGGER `search_actor_aliases_alias_ai` AFTER INSERT ON `actor_aliases` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'alias:' || new.actor_id || ':' || new.alias, new.actor_id, 'Actor', 'alias', new.alias; END
--> statement-breakpoint
CREATE TRIGGER `search_actor_aliases_alias_ad` AFTER DELETE ON `actor_aliases` BEGIN DELETE FROM search_documents WHERE doc_key = 'alias:' || old.actor_id || ':' || old.alias; END
--> statement-breakpoint
CREATE TRIGGER `search_actor_aliases_alias_au` AFTER UPDATE ON `actor_aliases` BEGIN DELETE FROM search_documents WHERE doc_key = 'alias:' || old.actor_id || ':' || old.alias; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'alias:' || new.actor_id || ':' || new.alias, new.actor_id, 'Actor', 'alias', new.alias; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'alias:' || t.actor_id || ':' || t.alias, t.actor_id, 'Actor', 'alias', t.alias FROM `actor_aliases` AS t
--> statement-breakpoint
CREATE TRIGGER `search_events_title_ai` AFTER INSERT ON `events` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'event-title:' || new.id, new.id, 'Event', 'title', new.title; END
--> statement-breakpoint
CREATE TRIGGER `search_events_title_ad` AFTER DELETE ON `events` BEGIN DELETE FROM search_documents WHERE doc_key = 'event-title:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_events_title_au` AFTER UPDATE ON `events` BEGIN DELETE FROM search_documents WHERE doc_key = 'event-title:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'event-title:' || new.id, new.id, 'Event', 'title', new.title; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'event-title:' || t.id, t.id, 'Event', 'title', t.title FROM `events` AS t
--> statement-breakpoint
CREATE TRIGGER `search_events_summary_ai` AFTER INSERT ON `events` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'event-summary:' || new.id, new.id, 'Event', 'summary', new.summary; END
--> statement-breakpoint
CREATE TRIGGER `search_events_summary_ad` AFTER DELETE ON `events` BEGIN DELETE FROM search_documents WHERE doc_key = 'event-summary:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_events_summary_au` AFTER UPDATE ON `events` BEGIN DELETE FROM search_documents WHERE doc_key = 'event-summary:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'event-summary:' || new.id, new.id, 'Event', 'summary', new.summary; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'event-summary:' || t.id, t.id, 'Event', 'summary', t.summary FROM `events` AS t
--> statement-breakpoint
CREATE TRIGGER `search_statements_summary_ai` AFTER INSERT ON `statements` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'statement-summary:' || new.id, new.id, 'Statement', 'summary', new.summary; END
--> statement-breakpoint
CREATE TRIGGER `search_statements_summary_ad` AFTER DELETE ON `statements` BEGIN DELETE FROM search_documents WHERE doc_key = 'statement-summary:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_statements_summary_au` AFTER UPDATE ON `statements` BEGIN DELETE FROM search_documents WHERE doc_key = 'statement-summary:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'statement-summary:' || new.id, new.id, 'Statement', 'summary', new.summary; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'statement-summary:' || t.id, t.id, 'Statement', 'summary', t.summary FROM `statements` AS t
--> statement-breakpoint
CREATE TRIGGER `search_issues_name_ai` AFTER INSERT ON `issues` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'issue-name:' || new.id, new.id, 'Issue', 'name', new.name; END
--> statement-breakpoint
CREATE TRIGGER `search_issues_name_ad` AFTER DELETE ON `issues` BEGIN DELETE FROM search_documents WHERE doc_key = 'issue-name:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_issues_name_au` AFTER UPDATE ON `issues` BEGIN DELETE FROM search_documents WHERE doc_key = 'issue-name:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'issue-name:' || new.id, new.id, 'Issue', 'name', new.name; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'issue-name:' || t.id, t.id, 'Issue', 'name', t.name FROM `issues` AS t
--> statement-breakpoint
CREATE TRIGGER `search_issues_description_ai` AFTER INSERT ON `issues` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'issue-description:' || new.id, new.id, 'Issue', 'description', new.description; END
--> statement-breakpoint
CREATE TRIGGER `search_issues_description_ad` AFTER DELETE ON `issues` BEGIN DELETE FROM search_documents WHERE doc_key = 'issue-description:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_issues_description_au` AFTER UPDATE ON `issues` BEGIN DELETE FROM search_documents WHERE doc_key = 'issue-description:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'issue-description:' || new.id, new.id, 'Issue', 'description', new.description; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'issue-description:' || t.id, t.id, 'Issue', 'description', t.description FROM `issues` AS t
--> statement-breakpoint
CREATE TRIGGER `search_positions_summary_ai` AFTER INSERT ON `positions` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'position-summary:' || new.id, new.id, 'Position', 'summary', new.summary; END
--> statement-breakpoint
CREATE TRIGGER `search_positions_summary_ad` AFTER DELETE ON `positions` BEGIN DELETE FROM search_documents WHERE doc_key = 'position-summary:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_positions_summary_au` AFTER UPDATE ON `positions` BEGIN DELETE FROM search_documents WHERE doc_key = 'position-summary:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'position-summary:' || new.id, new.id, 'Position', 'summary', new.summary; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'position-summary:' || t.id, t.id, 'Position', 'summary', t.summary FROM `positions` AS t
--> statement-breakpoint
CREATE TRIGGER `search_places_name_ai` AFTER INSERT ON `places` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'place-name:' || new.id, new.id, 'Place', 'name', new.name; END
--> statement-breakpoint
CREATE TRIGGER `search_places_name_ad` AFTER DELETE ON `places` BEGIN DELETE FROM search_documents WHERE doc_key = 'place-name:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_places_name_au` AFTER UPDATE ON `places` BEGIN DELETE FROM search_documents WHERE doc_key = 'place-name:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'place-name:' || new.id, new.id, 'Place', 'name', new.name; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'place-name:' || t.id, t.id, 'Place', 'name', t.name FROM `places` AS t
--> statement-breakpoint
CREATE TRIGGER `search_sources_title_ai` AFTER INSERT ON `sources` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'source-title:' || new.id, new.id, 'Source', 'title', new.title; END
--> statement-breakpoint
CREATE TRIGGER `search_sources_title_ad` AFTER DELETE ON `sources` BEGIN DELETE FROM search_documents WHERE doc_key = 'source-title:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_sources_title_au` AFTER UPDATE ON `sources` BEGIN DELETE FROM search_documents WHERE doc_key = 'source-title:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'source-title:' || new.id, new.id, 'Source', 'title', new.title; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'source-title:' || t.id, t.id, 'Source', 'title', t.title FROM `sources` AS t
--> statement-breakpoint
CREATE TRIGGER `search_evidence_quote_ai` AFTER INSERT ON `evidence` BEGIN INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'evidence:' || new.id, coalesce(new.actor_id, new.event_id, new.statement_id, new.issue_id, new.position_id, (SELECT o.issue_id FROM issue_obstacles AS o WHERE o.id = new.obstacle_id)), CASE WHEN new.actor_id IS NOT NULL THEN 'Actor' WHEN new.event_id IS NOT NULL THEN 'Event' WHEN new.statement_id IS NOT NULL THEN 'Statement' WHEN new.position_id IS NOT NULL THEN 'Position' ELSE 'Issue' END, 'quote', new.exact WHERE coalesce(new.actor_id, new.event_id, new.statement_id, new.issue_id, new.position_id, (SELECT o.issue_id FROM issue_obstacles AS o WHERE o.id = new.obstacle_id)) IS NOT NULL; END
--> statement-breakpoint
CREATE TRIGGER `search_evidence_quote_ad` AFTER DELETE ON `evidence` BEGIN DELETE FROM search_documents WHERE doc_key = 'evidence:' || old.id; END
--> statement-breakpoint
CREATE TRIGGER `search_evidence_quote_au` AFTER UPDATE ON `evidence` BEGIN DELETE FROM search_documents WHERE doc_key = 'evidence:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'evidence:' || new.id, coalesce(new.actor_id, new.event_id, new.statement_id, new.issue_id, new.position_id, (SELECT o.issue_id FROM issue_obstacles AS o WHERE o.id = new.obstacle_id)), CASE WHEN new.actor_id IS NOT NULL THEN 'Actor' WHEN new.event_id IS NOT NULL THEN 'Event' WHEN new.statement_id IS NOT NULL THEN 'Statement' WHEN new.position_id IS NOT NULL THEN 'Position' ELSE 'Issue' END, 'quote', new.exact WHERE coalesce(new.actor_id, new.event_id, new.statement_id, new.issue_id, new.position_id, (SELECT o.issue_id FROM issue_obstacles AS o WHERE o.id = new.obstacle_id)) IS NOT NULL; END
--> statement-breakpoint
INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'evidence:' || t.id, coalesce(t.actor_id, t.event_id, t.statement_id, t.issue_id, t.position_id, (SELECT o.issue_id FROM issue_obstacles AS o WHERE o.id = t.obstacle_id)), CASE WHEN t.actor_id IS NOT NULL THEN 'Actor' WHEN t.event_id IS NOT NULL THEN 'Event' WHEN t.statement_id IS NOT NULL THEN 'Statement' WHEN t.position_id IS NOT NULL THEN 'Position' ELSE 'Issue' END, 'quote', t.exact FROM `evidence` AS t WHERE coalesce(t.actor_id, t.event_id, t.statement_id, t.issue_id, t.position_id, (SELECT o.issue_id FROM issue_obstacles AS o WHERE o.id = t.obstacle_id)) IS NOT NULL
