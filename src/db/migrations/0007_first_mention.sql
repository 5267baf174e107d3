-- The order of first mention (issue 10), stored. Hand-written: drizzle-kit cannot express triggers.
-- Ordering a list by the smallest start of its entities' evidence spans ran a correlated
-- subquery for every row of the list, so every page cost as much as the whole table. Each
-- entity that lists order by mention now keeps that offset in `first_mention` (NULL when it
-- has no span, as the subquery gave), indexed with the id, kept current by triggers on
-- `evidence`, and filled here for what is already stored. The column is left out of the
-- drizzle tables on purpose: it is derived, so node documents (history, import comparison)
-- do not carry it. An import into an empty database sets these triggers aside and fills the
-- column once at the end (see setAsideIndexes in seed/loader.ts).
-- The search triggers of these tables now fire on an update of their own text column only, so
-- setting `first_mention` (or a version) does not rewrite a search document.
DROP TRIGGER `search_actors_name_au`;
--> statement-breakpoint
CREATE TRIGGER `search_actors_name_au` AFTER UPDATE OF `name` ON `actors` BEGIN DELETE FROM search_documents WHERE doc_key = 'actor-name:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'actor-name:' || new.id, new.id, 'Actor', 'name', new.name; END;
--> statement-breakpoint
DROP TRIGGER `search_actors_description_au`;
--> statement-breakpoint
CREATE TRIGGER `search_actors_description_au` AFTER UPDATE OF `description` ON `actors` BEGIN DELETE FROM search_documents WHERE doc_key = 'actor-description:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'actor-description:' || new.id, new.id, 'Actor', 'description', new.description; END;
--> statement-breakpoint
DROP TRIGGER `search_events_title_au`;
--> statement-breakpoint
CREATE TRIGGER `search_events_title_au` AFTER UPDATE OF `title` ON `events` BEGIN DELETE FROM search_documents WHERE doc_key = 'event-title:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'event-title:' || new.id, new.id, 'Event', 'title', new.title; END;
--> statement-breakpoint
DROP TRIGGER `search_events_summary_au`;
--> statement-breakpoint
CREATE TRIGGER `search_events_summary_au` AFTER UPDATE OF `summary` ON `events` BEGIN DELETE FROM search_documents WHERE doc_key = 'event-summary:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'event-summary:' || new.id, new.id, 'Event', 'summary', new.summary; END;
--> statement-breakpoint
DROP TRIGGER `search_statements_summary_au`;
--> statement-breakpoint
CREATE TRIGGER `search_statements_summary_au` AFTER UPDATE OF `summary` ON `statements` BEGIN DELETE FROM search_documents WHERE doc_key = 'statement-summary:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'statement-summary:' || new.id, new.id, 'Statement', 'summary', new.summary; END;
--> statement-breakpoint
DROP TRIGGER `search_issues_name_au`;
--> statement-breakpoint
CREATE TRIGGER `search_issues_name_au` AFTER UPDATE OF `name` ON `issues` BEGIN DELETE FROM search_documents WHERE doc_key = 'issue-name:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'issue-name:' || new.id, new.id, 'Issue', 'name', new.name; END;
--> statement-breakpoint
DROP TRIGGER `search_issues_description_au`;
--> statement-breakpoint
CREATE TRIGGER `search_issues_description_au` AFTER UPDATE OF `description` ON `issues` BEGIN DELETE FROM search_documents WHERE doc_key = 'issue-description:' || old.id; INSERT INTO search_documents (doc_key, entity_id, entity_type, field, body) SELECT 'issue-description:' || new.id, new.id, 'Issue', 'description', new.description; END;
--> statement-breakpoint
ALTER TABLE `actors` ADD `first_mention` integer;
--> statement-breakpoint
UPDATE `actors` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `evidence`.`actor_id` = `actors`.`id`);
--> statement-breakpoint
CREATE INDEX `actors_mention_idx` ON `actors` (`first_mention`, `id`);
--> statement-breakpoint
CREATE TRIGGER `actors_first_mention_insert` AFTER INSERT ON `evidence` WHEN new.`actor_id` IS NOT NULL BEGIN UPDATE `actors` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `actor_id` = new.`actor_id`) WHERE `id` = new.`actor_id`; END;
--> statement-breakpoint
CREATE TRIGGER `actors_first_mention_delete` AFTER DELETE ON `evidence` WHEN old.`actor_id` IS NOT NULL BEGIN UPDATE `actors` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `actor_id` = old.`actor_id`) WHERE `id` = old.`actor_id`; END;
--> statement-breakpoint
CREATE TRIGGER `actors_first_mention_update` AFTER UPDATE OF `start`, `actor_id` ON `evidence` BEGIN UPDATE `actors` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `actor_id` = `actors`.`id`) WHERE `id` IN (old.`actor_id`, new.`actor_id`); END;
--> statement-breakpoint
ALTER TABLE `issues` ADD `first_mention` integer;
--> statement-breakpoint
UPDATE `issues` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `evidence`.`issue_id` = `issues`.`id`);
--> statement-breakpoint
CREATE INDEX `issues_mention_idx` ON `issues` (`first_mention`, `id`);
--> statement-breakpoint
CREATE TRIGGER `issues_first_mention_insert` AFTER INSERT ON `evidence` WHEN new.`issue_id` IS NOT NULL BEGIN UPDATE `issues` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `issue_id` = new.`issue_id`) WHERE `id` = new.`issue_id`; END;
--> statement-breakpoint
CREATE TRIGGER `issues_first_mention_delete` AFTER DELETE ON `evidence` WHEN old.`issue_id` IS NOT NULL BEGIN UPDATE `issues` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `issue_id` = old.`issue_id`) WHERE `id` = old.`issue_id`; END;
--> statement-breakpoint
CREATE TRIGGER `issues_first_mention_update` AFTER UPDATE OF `start`, `issue_id` ON `evidence` BEGIN UPDATE `issues` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `issue_id` = `issues`.`id`) WHERE `id` IN (old.`issue_id`, new.`issue_id`); END;
--> statement-breakpoint
ALTER TABLE `events` ADD `first_mention` integer;
--> statement-breakpoint
UPDATE `events` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `evidence`.`event_id` = `events`.`id`);
--> statement-breakpoint
CREATE INDEX `events_mention_idx` ON `events` (`first_mention`, `id`);
--> statement-breakpoint
CREATE TRIGGER `events_first_mention_insert` AFTER INSERT ON `evidence` WHEN new.`event_id` IS NOT NULL BEGIN UPDATE `events` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `event_id` = new.`event_id`) WHERE `id` = new.`event_id`; END;
--> statement-breakpoint
CREATE TRIGGER `events_first_mention_delete` AFTER DELETE ON `evidence` WHEN old.`event_id` IS NOT NULL BEGIN UPDATE `events` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `event_id` = old.`event_id`) WHERE `id` = old.`event_id`; END;
--> statement-breakpoint
CREATE TRIGGER `events_first_mention_update` AFTER UPDATE OF `start`, `event_id` ON `evidence` BEGIN UPDATE `events` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `event_id` = `events`.`id`) WHERE `id` IN (old.`event_id`, new.`event_id`); END;
--> statement-breakpoint
ALTER TABLE `statements` ADD `first_mention` integer;
--> statement-breakpoint
UPDATE `statements` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `evidence`.`statement_id` = `statements`.`id`);
--> statement-breakpoint
CREATE INDEX `statements_mention_idx` ON `statements` (`first_mention`, `id`);
--> statement-breakpoint
CREATE TRIGGER `statements_first_mention_insert` AFTER INSERT ON `evidence` WHEN new.`statement_id` IS NOT NULL BEGIN UPDATE `statements` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `statement_id` = new.`statement_id`) WHERE `id` = new.`statement_id`; END;
--> statement-breakpoint
CREATE TRIGGER `statements_first_mention_delete` AFTER DELETE ON `evidence` WHEN old.`statement_id` IS NOT NULL BEGIN UPDATE `statements` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `statement_id` = old.`statement_id`) WHERE `id` = old.`statement_id`; END;
--> statement-breakpoint
CREATE TRIGGER `statements_first_mention_update` AFTER UPDATE OF `start`, `statement_id` ON `evidence` BEGIN UPDATE `statements` SET `first_mention` = (SELECT min(`start`) FROM `evidence` WHERE `statement_id` = `statements`.`id`) WHERE `id` IN (old.`statement_id`, new.`statement_id`); END;
