CREATE TABLE "announcements" (
	"id" text PRIMARY KEY NOT NULL,
	"type" "record_type" NOT NULL,
	"authority" text NOT NULL,
	"number" text,
	"title" text,
	"url" text,
	"published_at" date,
	"level" text,
	"batches_tested" integer,
	"batches_failed" integer,
	"totals_source" text,
	"list_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "spot_checks" ADD COLUMN "announcement_id" text;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD COLUMN "named_parties" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD COLUMN "enterprise_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD COLUMN "product_kind" text;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD COLUMN "quality_grade" text;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD COLUMN "jurisdiction" text;--> statement-breakpoint
ALTER TABLE "license_revocations" ADD COLUMN "announcement_id" text;--> statement-breakpoint
ALTER TABLE "license_revocations" ADD COLUMN "named_parties" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "license_revocations" ADD COLUMN "enterprise_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "announcement_id" text;--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "named_parties" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "enterprise_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "party_category" text;--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "penalty_category" text;--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "amounts_from_text" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "typical_cases" ADD COLUMN "announcement_id" text;--> statement-breakpoint
ALTER TABLE "typical_cases" ADD COLUMN "named_parties" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "typical_cases" ADD COLUMN "enterprise_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "warnings" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "spot_checks_announcement_id_idx" ON "spot_checks" USING btree ("announcement_id");--> statement-breakpoint
CREATE INDEX "spot_checks_enterprise_ids_idx" ON "spot_checks" USING gin ("enterprise_ids");--> statement-breakpoint
CREATE INDEX "license_revocations_announcement_id_idx" ON "license_revocations" USING btree ("announcement_id");--> statement-breakpoint
CREATE INDEX "license_revocations_enterprise_ids_idx" ON "license_revocations" USING gin ("enterprise_ids");--> statement-breakpoint
CREATE INDEX "penalties_announcement_id_idx" ON "penalties" USING btree ("announcement_id");--> statement-breakpoint
CREATE INDEX "penalties_enterprise_ids_idx" ON "penalties" USING gin ("enterprise_ids");--> statement-breakpoint
CREATE INDEX "typical_cases_announcement_id_idx" ON "typical_cases" USING btree ("announcement_id");--> statement-breakpoint
CREATE INDEX "typical_cases_enterprise_ids_idx" ON "typical_cases" USING gin ("enterprise_ids");