DROP INDEX `evidence_actor_idx`;--> statement-breakpoint
DROP INDEX `evidence_event_idx`;--> statement-breakpoint
DROP INDEX `evidence_statement_idx`;--> statement-breakpoint
DROP INDEX `evidence_issue_idx`;--> statement-breakpoint
DROP INDEX `evidence_position_idx`;--> statement-breakpoint
DROP INDEX `evidence_affiliation_idx`;--> statement-breakpoint
DROP INDEX `evidence_actor_relation_idx`;--> statement-breakpoint
DROP INDEX `evidence_event_relation_idx`;--> statement-breakpoint
DROP INDEX `evidence_statement_relation_idx`;--> statement-breakpoint
DROP INDEX `evidence_obstacle_idx`;--> statement-breakpoint
CREATE INDEX `evidence_actor_idx` ON `evidence` (`actor_id`) WHERE "evidence"."actor_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `evidence_event_idx` ON `evidence` (`event_id`) WHERE "evidence"."event_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `evidence_statement_idx` ON `evidence` (`statement_id`) WHERE "evidence"."statement_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `evidence_issue_idx` ON `evidence` (`issue_id`) WHERE "evidence"."issue_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `evidence_position_idx` ON `evidence` (`position_id`) WHERE "evidence"."position_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `evidence_affiliation_idx` ON `evidence` (`affiliation_id`) WHERE "evidence"."affiliation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `evidence_actor_relation_idx` ON `evidence` (`actor_relation_id`) WHERE "evidence"."actor_relation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `evidence_event_relation_idx` ON `evidence` (`event_relation_id`) WHERE "evidence"."event_relation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `evidence_statement_relation_idx` ON `evidence` (`statement_relation_id`) WHERE "evidence"."statement_relation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `evidence_obstacle_idx` ON `evidence` (`obstacle_id`) WHERE "evidence"."obstacle_id" IS NOT NULL;--> statement-breakpoint
DROP INDEX `factuality_cues_event_idx`;--> statement-breakpoint
DROP INDEX `factuality_cues_statement_idx`;--> statement-breakpoint
DROP INDEX `factuality_cues_position_idx`;--> statement-breakpoint
CREATE INDEX `factuality_cues_event_idx` ON `factuality_cues` (`event_id`) WHERE "factuality_cues"."event_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `factuality_cues_statement_idx` ON `factuality_cues` (`statement_id`) WHERE "factuality_cues"."statement_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `factuality_cues_position_idx` ON `factuality_cues` (`position_id`) WHERE "factuality_cues"."position_id" IS NOT NULL;