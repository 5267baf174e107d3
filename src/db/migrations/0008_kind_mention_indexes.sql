-- Lists filtered by kind in the order of first mention (issue 10). Hand-written: `first_mention`
-- is not a drizzle column (see 0007). With (kind, first_mention, id) a page of one kind is an
-- index range read in order, and its total an index-only count, instead of a pass over every row.
CREATE INDEX `statements_kind_mention_idx` ON `statements` (`kind`, `first_mention`, `id`);
--> statement-breakpoint
CREATE INDEX `events_kind_mention_idx` ON `events` (`kind`, `first_mention`, `id`);
