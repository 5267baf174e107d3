CREATE TABLE `factuality_cues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`exact` text NOT NULL,
	`prefix` text NOT NULL,
	`suffix` text NOT NULL,
	`event_id` text,
	`statement_id` text,
	`position_id` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`position_id`) REFERENCES `positions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "factuality_cues_span_ok" CHECK("factuality_cues"."start" >= 0 AND "factuality_cues"."end" > "factuality_cues"."start"),
	CONSTRAINT "factuality_cues_one_subject" CHECK(("factuality_cues"."event_id" IS NOT NULL) + ("factuality_cues"."statement_id" IS NOT NULL) + ("factuality_cues"."position_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE INDEX `factuality_cues_source_idx` ON `factuality_cues` (`source_id`,`start`);--> statement-breakpoint
CREATE INDEX `factuality_cues_event_idx` ON `factuality_cues` (`event_id`);--> statement-breakpoint
CREATE INDEX `factuality_cues_statement_idx` ON `factuality_cues` (`statement_id`);--> statement-breakpoint
CREATE INDEX `factuality_cues_position_idx` ON `factuality_cues` (`position_id`);--> statement-breakpoint
CREATE TABLE `position_conditions` (
	`position_id` text NOT NULL,
	`issue_id` text NOT NULL,
	PRIMARY KEY(`position_id`, `issue_id`),
	FOREIGN KEY (`position_id`) REFERENCES `positions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `position_conditions_position_idx` ON `position_conditions` (`position_id`);--> statement-breakpoint
CREATE INDEX `position_conditions_issue_idx` ON `position_conditions` (`issue_id`);--> statement-breakpoint
ALTER TABLE `actor_relations` ADD `note` text;--> statement-breakpoint
ALTER TABLE `actor_relations` ADD `certainty` text DEFAULT 'CERTAIN' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_relations` ADD `certainty` text DEFAULT 'CERTAIN' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `certainty` text DEFAULT 'CERTAIN' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `polarity` text DEFAULT 'POSITIVE' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `holder_id` text REFERENCES actors(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `events_holder_idx` ON `events` (`holder_id`);--> statement-breakpoint
ALTER TABLE `issue_obstacles` ADD `certainty` text DEFAULT 'CERTAIN' NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `certainty` text DEFAULT 'CERTAIN' NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `polarity` text DEFAULT 'POSITIVE' NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `holder_id` text REFERENCES actors(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `positions_holder_idx` ON `positions` (`holder_id`);--> statement-breakpoint
ALTER TABLE `statement_relations` ADD `certainty` text DEFAULT 'CERTAIN' NOT NULL;--> statement-breakpoint
ALTER TABLE `statements` ADD `certainty` text DEFAULT 'CERTAIN' NOT NULL;--> statement-breakpoint
ALTER TABLE `statements` ADD `polarity` text DEFAULT 'POSITIVE' NOT NULL;--> statement-breakpoint
ALTER TABLE `statements` ADD `holder_id` text REFERENCES actors(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `statements_holder_idx` ON `statements` (`holder_id`);