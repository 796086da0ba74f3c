CREATE TYPE "public"."record_status" AS ENUM('published', 'corrected', 'withdrawn', 'expired');--> statement-breakpoint
CREATE TYPE "public"."record_type" AS ENUM('spot-checks', 'license-revocations', 'typical-cases', 'penalties');--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" text PRIMARY KEY NOT NULL,
	"uscc" text,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"english_name" text,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"brands" text[] DEFAULT '{}'::text[] NOT NULL,
	"kind" text DEFAULT 'enterprise' NOT NULL,
	"region_code" text,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"natural_key" text NOT NULL,
	"status" "record_status" DEFAULT 'published' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"content_hash" text NOT NULL,
	"authority" text NOT NULL,
	"published_at" date NOT NULL,
	"source" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"region_code" text,
	"region_province" text,
	"region_city" text,
	"product_category" text,
	"campaign" text,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"import_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"announcement_no" text NOT NULL,
	"announcement_title" text,
	"level" text NOT NULL,
	"product_name" text NOT NULL,
	"brand" text,
	"model" text,
	"batch" text,
	"batch_date" date,
	"manufacturer_name" text,
	"manufacturer_address" text,
	"manufacturer_uscc" text,
	"manufacturer_id" text,
	"sampled_unit_name" text,
	"sampled_unit_address" text,
	"sampled_unit_id" text,
	"platform" text,
	"store" text,
	"channel" text,
	"result" text NOT NULL,
	"unqualified_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"standard" text,
	"inspection_agency" text,
	"disposal" text,
	"note" text,
	CONSTRAINT "spot_checks_natural_key_unique" UNIQUE("natural_key")
);
--> statement-breakpoint
CREATE TABLE "license_revocations" (
	"id" text PRIMARY KEY NOT NULL,
	"natural_key" text NOT NULL,
	"status" "record_status" DEFAULT 'published' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"content_hash" text NOT NULL,
	"authority" text NOT NULL,
	"published_at" date NOT NULL,
	"source" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"region_code" text,
	"region_province" text,
	"region_city" text,
	"product_category" text,
	"campaign" text,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"import_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"license_type" text NOT NULL,
	"license_no" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"enterprise_uscc" text,
	"enterprise_id" text,
	"product" text,
	"action" text NOT NULL,
	"reason" text,
	"decision_no" text,
	"decided_at" date NOT NULL,
	CONSTRAINT "license_revocations_natural_key_unique" UNIQUE("natural_key")
);
--> statement-breakpoint
CREATE TABLE "penalties" (
	"id" text PRIMARY KEY NOT NULL,
	"natural_key" text NOT NULL,
	"status" "record_status" DEFAULT 'published' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"content_hash" text NOT NULL,
	"authority" text NOT NULL,
	"published_at" date NOT NULL,
	"source" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"region_code" text,
	"region_province" text,
	"region_city" text,
	"product_category" text,
	"campaign" text,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"import_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision_no" text NOT NULL,
	"party_name" text NOT NULL,
	"party_kind" text NOT NULL,
	"party_uscc" text,
	"enterprise_id" text,
	"legal_representative" text,
	"violation_type" text,
	"facts" text,
	"legal_basis" text,
	"penalty_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"penalty_content" text,
	"fine_amount" numeric(16, 2),
	"confiscated_amount" numeric(16, 2),
	"decided_at" date NOT NULL,
	"disclosure_until" date,
	CONSTRAINT "penalties_natural_key_unique" UNIQUE("natural_key")
);
--> statement-breakpoint
CREATE TABLE "typical_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"natural_key" text NOT NULL,
	"status" "record_status" DEFAULT 'published' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"content_hash" text NOT NULL,
	"authority" text NOT NULL,
	"published_at" date NOT NULL,
	"source" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"region_code" text,
	"region_province" text,
	"region_city" text,
	"product_category" text,
	"campaign" text,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"import_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"body_md" text NOT NULL,
	"case_type" text,
	"parties" text,
	"enterprise_id" text,
	"violation" text,
	"legal_basis" text,
	"outcome" text,
	"related_decision_nos" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "typical_cases_natural_key_unique" UNIQUE("natural_key")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"type" "record_type" NOT NULL,
	"record_id" text NOT NULL,
	"action" text NOT NULL,
	"version" integer NOT NULL,
	"actor" text NOT NULL,
	"import_id" bigint,
	"source" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" "record_type" NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"operator" text NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"rows_created" integer DEFAULT 0 NOT NULL,
	"rows_corrected" integer DEFAULT 0 NOT NULL,
	"rows_unchanged" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "record_versions" (
	"type" "record_type" NOT NULL,
	"record_id" text NOT NULL,
	"version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"data" jsonb NOT NULL,
	"import_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_versions_type_record_id_version_pk" PRIMARY KEY("type","record_id","version")
);
--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"target" text NOT NULL,
	"record_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_manufacturer_id_enterprises_id_fk" FOREIGN KEY ("manufacturer_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_sampled_unit_id_enterprises_id_fk" FOREIGN KEY ("sampled_unit_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_revocations" ADD CONSTRAINT "license_revocations_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "typical_cases" ADD CONSTRAINT "typical_cases_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_uscc_key" ON "enterprises" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "enterprises_name_key_idx" ON "enterprises" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "spot_checks_status_published_idx" ON "spot_checks" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "spot_checks_category_idx" ON "spot_checks" USING btree ("product_category");--> statement-breakpoint
CREATE INDEX "spot_checks_region_idx" ON "spot_checks" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "spot_checks_campaign_idx" ON "spot_checks" USING btree ("campaign");--> statement-breakpoint
CREATE INDEX "spot_checks_manufacturer_idx" ON "spot_checks" USING btree ("manufacturer_id");--> statement-breakpoint
CREATE INDEX "spot_checks_sampled_unit_idx" ON "spot_checks" USING btree ("sampled_unit_id");--> statement-breakpoint
CREATE INDEX "spot_checks_announcement_idx" ON "spot_checks" USING btree ("announcement_no");--> statement-breakpoint
CREATE INDEX "license_revocations_status_published_idx" ON "license_revocations" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "license_revocations_category_idx" ON "license_revocations" USING btree ("product_category");--> statement-breakpoint
CREATE INDEX "license_revocations_region_idx" ON "license_revocations" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "license_revocations_campaign_idx" ON "license_revocations" USING btree ("campaign");--> statement-breakpoint
CREATE INDEX "license_revocations_enterprise_idx" ON "license_revocations" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "license_revocations_license_no_idx" ON "license_revocations" USING btree ("license_no");--> statement-breakpoint
CREATE INDEX "penalties_status_published_idx" ON "penalties" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "penalties_category_idx" ON "penalties" USING btree ("product_category");--> statement-breakpoint
CREATE INDEX "penalties_region_idx" ON "penalties" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "penalties_campaign_idx" ON "penalties" USING btree ("campaign");--> statement-breakpoint
CREATE INDEX "penalties_enterprise_idx" ON "penalties" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "penalties_decision_no_idx" ON "penalties" USING btree ("decision_no");--> statement-breakpoint
CREATE INDEX "penalties_disclosure_until_idx" ON "penalties" USING btree ("disclosure_until");--> statement-breakpoint
CREATE INDEX "typical_cases_status_published_idx" ON "typical_cases" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "typical_cases_category_idx" ON "typical_cases" USING btree ("product_category");--> statement-breakpoint
CREATE INDEX "typical_cases_region_idx" ON "typical_cases" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "typical_cases_campaign_idx" ON "typical_cases" USING btree ("campaign");--> statement-breakpoint
CREATE INDEX "typical_cases_enterprise_idx" ON "typical_cases" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "audit_log_record_idx" ON "audit_log" USING btree ("type","record_id");