CREATE TABLE "cross_border_alerts" (
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
	"announcement_id" text,
	"named_parties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enterprise_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"import_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"publisher" text NOT NULL,
	"alert_number" text,
	"date_precision" text DEFAULT 'day' NOT NULL,
	"jurisdiction" text NOT NULL,
	"notifying_country" text,
	"origin_country" text,
	"from_china" boolean DEFAULT false NOT NULL,
	"product_name" text NOT NULL,
	"product_type" text,
	"brand" text,
	"model" text,
	"product_code" text,
	"barcodes" text,
	"producer_name" text,
	"enterprise_id" text,
	"hazard" text,
	"hazard_detail" text,
	"measures" text,
	"recall_code" text,
	"production_dates" text,
	"licence" text NOT NULL,
	"matches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"match_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "cross_border_alerts_natural_key_unique" UNIQUE("natural_key")
);
--> statement-breakpoint
ALTER TABLE "cross_border_alerts" ADD CONSTRAINT "cross_border_alerts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cross_border_alerts_status_published_idx" ON "cross_border_alerts" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "cross_border_alerts_category_idx" ON "cross_border_alerts" USING btree ("product_category");--> statement-breakpoint
CREATE INDEX "cross_border_alerts_region_idx" ON "cross_border_alerts" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "cross_border_alerts_campaign_idx" ON "cross_border_alerts" USING btree ("campaign");--> statement-breakpoint
CREATE INDEX "cross_border_alerts_announcement_id_idx" ON "cross_border_alerts" USING btree ("announcement_id");--> statement-breakpoint
CREATE INDEX "cross_border_alerts_enterprise_ids_idx" ON "cross_border_alerts" USING gin ("enterprise_ids");--> statement-breakpoint
CREATE INDEX "cross_border_alerts_publisher_idx" ON "cross_border_alerts" USING btree ("publisher");--> statement-breakpoint
CREATE INDEX "cross_border_alerts_match_keys_idx" ON "cross_border_alerts" USING gin ("match_keys");