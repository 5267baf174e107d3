-- Every text column compares and sorts by bytes (COLLATE "C"), as SQLite does, whatever the
-- database's locale: ids, names and kinds order the same on both engines, and lower() folds
-- ASCII only, like SQLite's NOCASE. (Added to the generated SQL by hand; drizzle has no collation.)
-- Every foreign key is DEFERRABLE INITIALLY IMMEDIATE (also by hand; drizzle has no option for
-- it): checked per statement as usual, and at the commit in the transactions that ask for it
-- (`SET CONSTRAINTS ALL DEFERRED`: an import, whose nodes may refer to one another in any order).
CREATE TABLE "actor_aliases" (
	"actor_id" text COLLATE "C" NOT NULL,
	"alias" text COLLATE "C" NOT NULL,
	CONSTRAINT "actor_aliases_actor_id_alias_pk" PRIMARY KEY("actor_id","alias")
);
--> statement-breakpoint
CREATE TABLE "actor_relations" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"subject_id" text COLLATE "C" NOT NULL,
	"object_id" text COLLATE "C" NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"note" text COLLATE "C",
	"certainty" text COLLATE "C" DEFAULT 'CERTAIN' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "actors" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"name" text COLLATE "C" NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"country_code" text COLLATE "C",
	"cameo_code" text COLLATE "C",
	"description" text COLLATE "C" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "affiliations" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"actor_id" text COLLATE "C" NOT NULL,
	"organization_id" text COLLATE "C" NOT NULL,
	"role" text COLLATE "C"
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"prefix" text COLLATE "C" NOT NULL,
	"hash" text COLLATE "C" NOT NULL,
	"role" text COLLATE "C" NOT NULL,
	"name" text COLLATE "C" NOT NULL,
	"created_at" text COLLATE "C" NOT NULL,
	"revoked_at" text COLLATE "C",
	CONSTRAINT "api_keys_prefix_unique" UNIQUE("prefix")
);
--> statement-breakpoint
CREATE TABLE "changes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"revision" integer NOT NULL,
	"node_id" text COLLATE "C" NOT NULL,
	"node_type" text COLLATE "C" NOT NULL,
	"op" text COLLATE "C" NOT NULL,
	"version" integer NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "event_issues" (
	"event_id" text COLLATE "C" NOT NULL,
	"issue_id" text COLLATE "C" NOT NULL,
	CONSTRAINT "event_issues_event_id_issue_id_pk" PRIMARY KEY("event_id","issue_id")
);
--> statement-breakpoint
CREATE TABLE "event_participants" (
	"event_id" text COLLATE "C" NOT NULL,
	"actor_id" text COLLATE "C" NOT NULL,
	"role" text COLLATE "C" NOT NULL,
	CONSTRAINT "event_participants_event_id_actor_id_role_pk" PRIMARY KEY("event_id","actor_id","role")
);
--> statement-breakpoint
CREATE TABLE "event_relations" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"subject_id" text COLLATE "C" NOT NULL,
	"object_id" text COLLATE "C" NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"note" text COLLATE "C",
	"certainty" text COLLATE "C" DEFAULT 'CERTAIN' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"title" text COLLATE "C" NOT NULL,
	"summary" text COLLATE "C" NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"status" text COLLATE "C" NOT NULL,
	"start_precision" text COLLATE "C" DEFAULT 'UNKNOWN' NOT NULL,
	"start_year" integer,
	"start_month" integer,
	"start_day" integer,
	"start_note" text COLLATE "C",
	"end_precision" text COLLATE "C" DEFAULT 'UNKNOWN' NOT NULL,
	"end_year" integer,
	"end_month" integer,
	"end_day" integer,
	"end_note" text COLLATE "C",
	"duration_days" integer,
	"duration_note" text COLLATE "C",
	"location_id" text COLLATE "C",
	"cameo_code" text COLLATE "C",
	"certainty" text COLLATE "C" DEFAULT 'CERTAIN' NOT NULL,
	"polarity" text COLLATE "C" DEFAULT 'POSITIVE' NOT NULL,
	"holder_id" text COLLATE "C",
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source_id" text COLLATE "C" NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"exact" text COLLATE "C" NOT NULL,
	"prefix" text COLLATE "C" NOT NULL,
	"suffix" text COLLATE "C" NOT NULL,
	"actor_id" text COLLATE "C",
	"event_id" text COLLATE "C",
	"statement_id" text COLLATE "C",
	"issue_id" text COLLATE "C",
	"position_id" text COLLATE "C",
	"affiliation_id" text COLLATE "C",
	"actor_relation_id" text COLLATE "C",
	"event_relation_id" text COLLATE "C",
	"statement_relation_id" text COLLATE "C",
	"obstacle_id" text COLLATE "C",
	CONSTRAINT "evidence_span_ok" CHECK ("evidence"."start" >= 0 AND "evidence"."end" > "evidence"."start"),
	CONSTRAINT "evidence_one_subject" CHECK (num_nonnulls("evidence"."actor_id", "evidence"."event_id", "evidence"."statement_id", "evidence"."issue_id", "evidence"."position_id", "evidence"."affiliation_id", "evidence"."actor_relation_id", "evidence"."event_relation_id", "evidence"."statement_relation_id", "evidence"."obstacle_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "factuality_cues" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "factuality_cues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source_id" text COLLATE "C" NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"exact" text COLLATE "C" NOT NULL,
	"prefix" text COLLATE "C" NOT NULL,
	"suffix" text COLLATE "C" NOT NULL,
	"event_id" text COLLATE "C",
	"statement_id" text COLLATE "C",
	"position_id" text COLLATE "C",
	CONSTRAINT "factuality_cues_span_ok" CHECK ("factuality_cues"."start" >= 0 AND "factuality_cues"."end" > "factuality_cues"."start"),
	CONSTRAINT "factuality_cues_one_subject" CHECK (num_nonnulls("factuality_cues"."event_id", "factuality_cues"."statement_id", "factuality_cues"."position_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "issue_obstacle_parties" (
	"obstacle_id" text COLLATE "C" NOT NULL,
	"actor_id" text COLLATE "C" NOT NULL,
	CONSTRAINT "issue_obstacle_parties_obstacle_id_actor_id_pk" PRIMARY KEY("obstacle_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "issue_obstacles" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"issue_id" text COLLATE "C" NOT NULL,
	"description" text COLLATE "C" NOT NULL,
	"certainty" text COLLATE "C" DEFAULT 'CERTAIN' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issues" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"name" text COLLATE "C" NOT NULL,
	"description" text COLLATE "C" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "places" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"name" text COLLATE "C" NOT NULL,
	"country_code" text COLLATE "C",
	"latitude" double precision,
	"longitude" double precision
);
--> statement-breakpoint
CREATE TABLE "position_conditions" (
	"position_id" text COLLATE "C" NOT NULL,
	"issue_id" text COLLATE "C" NOT NULL,
	CONSTRAINT "position_conditions_position_id_issue_id_pk" PRIMARY KEY("position_id","issue_id")
);
--> statement-breakpoint
CREATE TABLE "position_statements" (
	"position_id" text COLLATE "C" NOT NULL,
	"statement_id" text COLLATE "C" NOT NULL,
	CONSTRAINT "position_statements_position_id_statement_id_pk" PRIMARY KEY("position_id","statement_id")
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"actor_id" text COLLATE "C" NOT NULL,
	"issue_id" text COLLATE "C" NOT NULL,
	"stance" text COLLATE "C" NOT NULL,
	"firmness" text COLLATE "C" DEFAULT 'UNKNOWN' NOT NULL,
	"is_precondition" boolean DEFAULT false NOT NULL,
	"summary" text COLLATE "C" NOT NULL,
	"certainty" text COLLATE "C" DEFAULT 'CERTAIN' NOT NULL,
	"polarity" text COLLATE "C" DEFAULT 'POSITIVE' NOT NULL,
	"holder_id" text COLLATE "C",
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revision_counter" (
	"id" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "revision_counter_single_row" CHECK ("revision_counter"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "revisions" (
	"number" integer PRIMARY KEY NOT NULL,
	"at" text COLLATE "C" NOT NULL,
	"author_name" text COLLATE "C" NOT NULL,
	"author_role" text COLLATE "C" NOT NULL,
	"key_id" integer,
	"summary" text COLLATE "C",
	"idempotency_key" text COLLATE "C",
	"input_hash" text COLLATE "C",
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"title" text COLLATE "C" NOT NULL,
	"text" text COLLATE "C" NOT NULL,
	"url" text COLLATE "C",
	"content_hash" text COLLATE "C",
	"version" integer DEFAULT 1 NOT NULL,
	"published_precision" text COLLATE "C" DEFAULT 'UNKNOWN' NOT NULL,
	"published_year" integer,
	"published_month" integer,
	"published_day" integer,
	"published_note" text COLLATE "C"
);
--> statement-breakpoint
CREATE TABLE "statement_issues" (
	"statement_id" text COLLATE "C" NOT NULL,
	"issue_id" text COLLATE "C" NOT NULL,
	CONSTRAINT "statement_issues_statement_id_issue_id_pk" PRIMARY KEY("statement_id","issue_id")
);
--> statement-breakpoint
CREATE TABLE "statement_relations" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"subject_id" text COLLATE "C" NOT NULL,
	"object_id" text COLLATE "C" NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"certainty" text COLLATE "C" DEFAULT 'CERTAIN' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"summary" text COLLATE "C" NOT NULL,
	"speaker_id" text COLLATE "C",
	"attribution_kind" text COLLATE "C" NOT NULL,
	"attribution_detail" text COLLATE "C",
	"target_id" text COLLATE "C",
	"date_precision" text COLLATE "C" DEFAULT 'UNKNOWN' NOT NULL,
	"date_year" integer,
	"date_month" integer,
	"date_day" integer,
	"date_note" text COLLATE "C",
	"event_id" text COLLATE "C",
	"certainty" text COLLATE "C" DEFAULT 'CERTAIN' NOT NULL,
	"polarity" text COLLATE "C" DEFAULT 'POSITIVE' NOT NULL,
	"holder_id" text COLLATE "C",
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "actor_aliases" ADD CONSTRAINT "actor_aliases_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "actor_relations" ADD CONSTRAINT "actor_relations_subject_id_actors_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "actor_relations" ADD CONSTRAINT "actor_relations_object_id_actors_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "affiliations" ADD CONSTRAINT "affiliations_organization_id_actors_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_revision_revisions_number_fk" FOREIGN KEY ("revision") REFERENCES "public"."revisions"("number") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "event_issues" ADD CONSTRAINT "event_issues_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "event_issues" ADD CONSTRAINT "event_issues_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "event_relations" ADD CONSTRAINT "event_relations_subject_id_events_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "event_relations" ADD CONSTRAINT "event_relations_object_id_events_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_location_id_places_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."places"("id") ON DELETE set null ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_holder_id_actors_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_affiliation_id_affiliations_id_fk" FOREIGN KEY ("affiliation_id") REFERENCES "public"."affiliations"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_actor_relation_id_actor_relations_id_fk" FOREIGN KEY ("actor_relation_id") REFERENCES "public"."actor_relations"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_event_relation_id_event_relations_id_fk" FOREIGN KEY ("event_relation_id") REFERENCES "public"."event_relations"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_statement_relation_id_statement_relations_id_fk" FOREIGN KEY ("statement_relation_id") REFERENCES "public"."statement_relations"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_obstacle_id_issue_obstacles_id_fk" FOREIGN KEY ("obstacle_id") REFERENCES "public"."issue_obstacles"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "factuality_cues" ADD CONSTRAINT "factuality_cues_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "factuality_cues" ADD CONSTRAINT "factuality_cues_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "factuality_cues" ADD CONSTRAINT "factuality_cues_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "factuality_cues" ADD CONSTRAINT "factuality_cues_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "issue_obstacle_parties" ADD CONSTRAINT "issue_obstacle_parties_obstacle_id_issue_obstacles_id_fk" FOREIGN KEY ("obstacle_id") REFERENCES "public"."issue_obstacles"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "issue_obstacle_parties" ADD CONSTRAINT "issue_obstacle_parties_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "issue_obstacles" ADD CONSTRAINT "issue_obstacles_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "position_conditions" ADD CONSTRAINT "position_conditions_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "position_conditions" ADD CONSTRAINT "position_conditions_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "position_statements" ADD CONSTRAINT "position_statements_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "position_statements" ADD CONSTRAINT "position_statements_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_holder_id_actors_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE set null ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "statement_issues" ADD CONSTRAINT "statement_issues_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "statement_issues" ADD CONSTRAINT "statement_issues_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "statement_relations" ADD CONSTRAINT "statement_relations_subject_id_statements_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "statement_relations" ADD CONSTRAINT "statement_relations_object_id_statements_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_speaker_id_actors_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_target_id_actors_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_holder_id_actors_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."actors"("id") ON DELETE set null ON UPDATE no action DEFERRABLE INITIALLY IMMEDIATE;--> statement-breakpoint
CREATE INDEX "actor_aliases_actor_idx" ON "actor_aliases" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "actor_relations_subject_idx" ON "actor_relations" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "actor_relations_object_idx" ON "actor_relations" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "affiliations_actor_idx" ON "affiliations" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "affiliations_organization_idx" ON "affiliations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "changes_node_idx" ON "changes" USING btree ("node_id","revision");--> statement-breakpoint
CREATE INDEX "changes_revision_idx" ON "changes" USING btree ("revision");--> statement-breakpoint
CREATE INDEX "changes_type_idx" ON "changes" USING btree ("node_type","revision");--> statement-breakpoint
CREATE INDEX "event_issues_event_idx" ON "event_issues" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_issues_issue_idx" ON "event_issues" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "event_participants_event_idx" ON "event_participants" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_participants_actor_idx" ON "event_participants" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "event_relations_subject_idx" ON "event_relations" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "event_relations_object_idx" ON "event_relations" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "events_location_idx" ON "events" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "events_holder_idx" ON "events" USING btree ("holder_id");--> statement-breakpoint
CREATE INDEX "evidence_source_idx" ON "evidence" USING btree ("source_id","start");--> statement-breakpoint
CREATE INDEX "evidence_actor_idx" ON "evidence" USING btree ("actor_id") WHERE "evidence"."actor_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_event_idx" ON "evidence" USING btree ("event_id") WHERE "evidence"."event_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_statement_idx" ON "evidence" USING btree ("statement_id") WHERE "evidence"."statement_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_issue_idx" ON "evidence" USING btree ("issue_id") WHERE "evidence"."issue_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_position_idx" ON "evidence" USING btree ("position_id") WHERE "evidence"."position_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_affiliation_idx" ON "evidence" USING btree ("affiliation_id") WHERE "evidence"."affiliation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_actor_relation_idx" ON "evidence" USING btree ("actor_relation_id") WHERE "evidence"."actor_relation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_event_relation_idx" ON "evidence" USING btree ("event_relation_id") WHERE "evidence"."event_relation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_statement_relation_idx" ON "evidence" USING btree ("statement_relation_id") WHERE "evidence"."statement_relation_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "evidence_obstacle_idx" ON "evidence" USING btree ("obstacle_id") WHERE "evidence"."obstacle_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "factuality_cues_source_idx" ON "factuality_cues" USING btree ("source_id","start");--> statement-breakpoint
CREATE INDEX "factuality_cues_event_idx" ON "factuality_cues" USING btree ("event_id") WHERE "factuality_cues"."event_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "factuality_cues_statement_idx" ON "factuality_cues" USING btree ("statement_id") WHERE "factuality_cues"."statement_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "factuality_cues_position_idx" ON "factuality_cues" USING btree ("position_id") WHERE "factuality_cues"."position_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "issue_obstacle_parties_obstacle_idx" ON "issue_obstacle_parties" USING btree ("obstacle_id");--> statement-breakpoint
CREATE INDEX "issue_obstacle_parties_actor_idx" ON "issue_obstacle_parties" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "issue_obstacles_issue_idx" ON "issue_obstacles" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "position_conditions_position_idx" ON "position_conditions" USING btree ("position_id");--> statement-breakpoint
CREATE INDEX "position_conditions_issue_idx" ON "position_conditions" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "position_statements_position_idx" ON "position_statements" USING btree ("position_id");--> statement-breakpoint
CREATE INDEX "position_statements_statement_idx" ON "position_statements" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "positions_actor_issue_idx" ON "positions" USING btree ("actor_id","issue_id");--> statement-breakpoint
CREATE INDEX "positions_issue_idx" ON "positions" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "positions_holder_idx" ON "positions" USING btree ("holder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "revisions_idempotency_idx" ON "revisions" USING btree ("key_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "revisions_author_idx" ON "revisions" USING btree ("author_name");--> statement-breakpoint
CREATE INDEX "statement_issues_statement_idx" ON "statement_issues" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "statement_issues_issue_idx" ON "statement_issues" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "statement_relations_subject_idx" ON "statement_relations" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "statement_relations_object_idx" ON "statement_relations" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "statements_speaker_idx" ON "statements" USING btree ("speaker_id");--> statement-breakpoint
CREATE INDEX "statements_holder_idx" ON "statements" USING btree ("holder_id");--> statement-breakpoint
CREATE INDEX "statements_target_idx" ON "statements" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "statements_event_idx" ON "statements" USING btree ("event_id");--> statement-breakpoint
-- Hand-added, as on SQLite (0011): the revision counter's one row, from the latest revision.
INSERT INTO "revision_counter" ("id", "last") SELECT 1, coalesce(max("number"), 0) FROM "revisions";
