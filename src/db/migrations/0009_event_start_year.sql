-- The dated events up to a year (issue 10). Hand-written, as 0007 and 0008, and left out of the
-- drizzle tables and snapshot: only the hand-written SQL of the question service reads it. A
-- timeline of one actor or issue reads the events that order its answer, among them every
-- event dated before the latest date it has met (see timelineScope in src/analysis/timeline.ts).
-- This partial index holds exactly the events with a known date, by start year, so that read
-- is a range of the index instead of a pass over every event.
CREATE INDEX `events_start_year_idx` ON `events` (`start_year`) WHERE `start_precision` <> 'UNKNOWN' AND `start_year` IS NOT NULL;
