DROP INDEX `positions_actor_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `positions_actor_issue_idx` ON `positions` (`actor_id`,`issue_id`);