CREATE TABLE `changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`revision` integer NOT NULL,
	`node_id` text NOT NULL,
	`node_type` text NOT NULL,
	`op` text NOT NULL,
	`version` integer NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`revision`) REFERENCES `revisions`(`number`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `changes_node_idx` ON `changes` (`node_id`,`revision`);--> statement-breakpoint
CREATE INDEX `changes_revision_idx` ON `changes` (`revision`);--> statement-breakpoint
CREATE INDEX `changes_type_idx` ON `changes` (`node_type`,`revision`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`number` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`author_name` text NOT NULL,
	`author_role` text NOT NULL,
	`key_id` integer,
	`summary` text,
	`idempotency_key` text,
	`input_hash` text,
	`result` text,
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revisions_idempotency_idx` ON `revisions` (`key_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `revisions_author_idx` ON `revisions` (`author_name`);--> statement-breakpoint
ALTER TABLE `actors` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `issues` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `sources` ADD `content_hash` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `statements` ADD `version` integer DEFAULT 1 NOT NULL;