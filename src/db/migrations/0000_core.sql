CREATE TABLE `actor_aliases` (
	`actor_id` text NOT NULL,
	`alias` text NOT NULL,
	PRIMARY KEY(`actor_id`, `alias`),
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `actor_aliases_actor_idx` ON `actor_aliases` (`actor_id`);--> statement-breakpoint
CREATE TABLE `actor_relations` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`object_id` text NOT NULL,
	`kind` text NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`object_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `actor_relations_subject_idx` ON `actor_relations` (`subject_id`);--> statement-breakpoint
CREATE INDEX `actor_relations_object_idx` ON `actor_relations` (`object_id`);--> statement-breakpoint
CREATE TABLE `actors` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`country_code` text,
	`cameo_code` text,
	`description` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `affiliations` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`role` text,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `affiliations_actor_idx` ON `affiliations` (`actor_id`);--> statement-breakpoint
CREATE INDEX `affiliations_organization_idx` ON `affiliations` (`organization_id`);--> statement-breakpoint
CREATE TABLE `event_issues` (
	`event_id` text NOT NULL,
	`issue_id` text NOT NULL,
	PRIMARY KEY(`event_id`, `issue_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_issues_event_idx` ON `event_issues` (`event_id`);--> statement-breakpoint
CREATE INDEX `event_issues_issue_idx` ON `event_issues` (`issue_id`);--> statement-breakpoint
CREATE TABLE `event_participants` (
	`event_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`event_id`, `actor_id`, `role`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_participants_event_idx` ON `event_participants` (`event_id`);--> statement-breakpoint
CREATE INDEX `event_participants_actor_idx` ON `event_participants` (`actor_id`);--> statement-breakpoint
CREATE TABLE `event_relations` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`object_id` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	FOREIGN KEY (`subject_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`object_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_relations_subject_idx` ON `event_relations` (`subject_id`);--> statement-breakpoint
CREATE INDEX `event_relations_object_idx` ON `event_relations` (`object_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`start_precision` text DEFAULT 'UNKNOWN' NOT NULL,
	`start_year` integer,
	`start_month` integer,
	`start_day` integer,
	`start_note` text,
	`end_precision` text DEFAULT 'UNKNOWN' NOT NULL,
	`end_year` integer,
	`end_month` integer,
	`end_day` integer,
	`end_note` text,
	`duration_days` integer,
	`duration_note` text,
	`location_id` text,
	`cameo_code` text,
	FOREIGN KEY (`location_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `events_location_idx` ON `events` (`location_id`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`exact` text NOT NULL,
	`prefix` text NOT NULL,
	`suffix` text NOT NULL,
	`actor_id` text,
	`event_id` text,
	`statement_id` text,
	`issue_id` text,
	`position_id` text,
	`affiliation_id` text,
	`actor_relation_id` text,
	`event_relation_id` text,
	`statement_relation_id` text,
	`obstacle_id` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`position_id`) REFERENCES `positions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`affiliation_id`) REFERENCES `affiliations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_relation_id`) REFERENCES `actor_relations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_relation_id`) REFERENCES `event_relations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`statement_relation_id`) REFERENCES `statement_relations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`obstacle_id`) REFERENCES `issue_obstacles`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "evidence_span_ok" CHECK("evidence"."start" >= 0 AND "evidence"."end" > "evidence"."start"),
	CONSTRAINT "evidence_one_subject" CHECK(("evidence"."actor_id" IS NOT NULL) + ("evidence"."event_id" IS NOT NULL) + ("evidence"."statement_id" IS NOT NULL) + ("evidence"."issue_id" IS NOT NULL) + ("evidence"."position_id" IS NOT NULL) + ("evidence"."affiliation_id" IS NOT NULL) + ("evidence"."actor_relation_id" IS NOT NULL) + ("evidence"."event_relation_id" IS NOT NULL) + ("evidence"."statement_relation_id" IS NOT NULL) + ("evidence"."obstacle_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE INDEX `evidence_source_idx` ON `evidence` (`source_id`,`start`);--> statement-breakpoint
CREATE INDEX `evidence_actor_idx` ON `evidence` (`actor_id`);--> statement-breakpoint
CREATE INDEX `evidence_event_idx` ON `evidence` (`event_id`);--> statement-breakpoint
CREATE INDEX `evidence_statement_idx` ON `evidence` (`statement_id`);--> statement-breakpoint
CREATE INDEX `evidence_issue_idx` ON `evidence` (`issue_id`);--> statement-breakpoint
CREATE INDEX `evidence_position_idx` ON `evidence` (`position_id`);--> statement-breakpoint
CREATE INDEX `evidence_affiliation_idx` ON `evidence` (`affiliation_id`);--> statement-breakpoint
CREATE INDEX `evidence_actor_relation_idx` ON `evidence` (`actor_relation_id`);--> statement-breakpoint
CREATE INDEX `evidence_event_relation_idx` ON `evidence` (`event_relation_id`);--> statement-breakpoint
CREATE INDEX `evidence_statement_relation_idx` ON `evidence` (`statement_relation_id`);--> statement-breakpoint
CREATE INDEX `evidence_obstacle_idx` ON `evidence` (`obstacle_id`);--> statement-breakpoint
CREATE TABLE `issue_obstacle_parties` (
	`obstacle_id` text NOT NULL,
	`actor_id` text NOT NULL,
	PRIMARY KEY(`obstacle_id`, `actor_id`),
	FOREIGN KEY (`obstacle_id`) REFERENCES `issue_obstacles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `issue_obstacle_parties_obstacle_idx` ON `issue_obstacle_parties` (`obstacle_id`);--> statement-breakpoint
CREATE INDEX `issue_obstacle_parties_actor_idx` ON `issue_obstacle_parties` (`actor_id`);--> statement-breakpoint
CREATE TABLE `issue_obstacles` (
	`id` text PRIMARY KEY NOT NULL,
	`issue_id` text NOT NULL,
	`description` text NOT NULL,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `issue_obstacles_issue_idx` ON `issue_obstacles` (`issue_id`);--> statement-breakpoint
CREATE TABLE `issues` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `places` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`country_code` text,
	`latitude` real,
	`longitude` real
);
--> statement-breakpoint
CREATE TABLE `position_statements` (
	`position_id` text NOT NULL,
	`statement_id` text NOT NULL,
	PRIMARY KEY(`position_id`, `statement_id`),
	FOREIGN KEY (`position_id`) REFERENCES `positions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `position_statements_position_idx` ON `position_statements` (`position_id`);--> statement-breakpoint
CREATE INDEX `position_statements_statement_idx` ON `position_statements` (`statement_id`);--> statement-breakpoint
CREATE TABLE `positions` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`issue_id` text NOT NULL,
	`stance` text NOT NULL,
	`firmness` text DEFAULT 'UNKNOWN' NOT NULL,
	`is_precondition` integer DEFAULT false NOT NULL,
	`summary` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `positions_actor_idx` ON `positions` (`actor_id`);--> statement-breakpoint
CREATE INDEX `positions_issue_idx` ON `positions` (`issue_id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`url` text,
	`published_precision` text DEFAULT 'UNKNOWN' NOT NULL,
	`published_year` integer,
	`published_month` integer,
	`published_day` integer,
	`published_note` text
);
--> statement-breakpoint
CREATE TABLE `statement_issues` (
	`statement_id` text NOT NULL,
	`issue_id` text NOT NULL,
	PRIMARY KEY(`statement_id`, `issue_id`),
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issue_id`) REFERENCES `issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `statement_issues_statement_idx` ON `statement_issues` (`statement_id`);--> statement-breakpoint
CREATE INDEX `statement_issues_issue_idx` ON `statement_issues` (`issue_id`);--> statement-breakpoint
CREATE TABLE `statement_relations` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`object_id` text NOT NULL,
	`kind` text NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`object_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `statement_relations_subject_idx` ON `statement_relations` (`subject_id`);--> statement-breakpoint
CREATE INDEX `statement_relations_object_idx` ON `statement_relations` (`object_id`);--> statement-breakpoint
CREATE TABLE `statements` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`speaker_id` text,
	`attribution_kind` text NOT NULL,
	`attribution_detail` text,
	`target_id` text,
	`date_precision` text DEFAULT 'UNKNOWN' NOT NULL,
	`date_year` integer,
	`date_month` integer,
	`date_day` integer,
	`date_note` text,
	`event_id` text,
	FOREIGN KEY (`speaker_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`target_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `statements_speaker_idx` ON `statements` (`speaker_id`);--> statement-breakpoint
CREATE INDEX `statements_target_idx` ON `statements` (`target_id`);--> statement-breakpoint
CREATE INDEX `statements_event_idx` ON `statements` (`event_id`);