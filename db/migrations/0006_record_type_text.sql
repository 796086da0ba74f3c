ALTER TABLE "audit_log" ALTER COLUMN "type" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "imports" ALTER COLUMN "type" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "record_versions" ALTER COLUMN "type" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "announcements" ALTER COLUMN "type" SET DATA TYPE text;--> statement-breakpoint
DROP TYPE "public"."record_type";