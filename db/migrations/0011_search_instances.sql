CREATE TABLE "search_instances" (
	"id" smallint PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"needs_rebuild" boolean DEFAULT false NOT NULL,
	CONSTRAINT "search_instances_url_unique" UNIQUE("url")
);
--> statement-breakpoint
ALTER TABLE "search_outbox" ADD COLUMN "instance" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "search_outbox" DROP CONSTRAINT "search_outbox_pkey";--> statement-breakpoint
ALTER TABLE "search_outbox" ADD CONSTRAINT "search_outbox_instance_id_pk" PRIMARY KEY("instance","id");--> statement-breakpoint
-- Written by hand (drizzle-kit does not model triggers): writers insert instance-0 rows only; once
-- per statement, this copies them to every other registered Meilisearch. With one instance it
-- returns at once (the transition table's capture measured within noise on a 400,000-row COPY).
-- Its own insert fires it again (pg_trigger_depth 2) and must copy nothing.
CREATE OR REPLACE FUNCTION search_outbox_fan_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() > 1 OR NOT EXISTS (SELECT 1 FROM search_instances WHERE id <> 0) THEN
    RETURN NULL;
  END IF;
  INSERT INTO search_outbox (instance, target, record_id, created_at)
    SELECT i.id, n.target, n.record_id, n.created_at FROM new_rows n CROSS JOIN search_instances i
    WHERE n.instance = 0 AND i.id <> 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER search_outbox_fan_out AFTER INSERT ON search_outbox REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_fan_out();
