CREATE TABLE `revision_counter` (
	`id` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO revision_counter (id, last) SELECT 1, coalesce(max(number), 0) FROM revisions;
