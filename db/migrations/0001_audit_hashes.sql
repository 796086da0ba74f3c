ALTER TABLE "audit_log" ADD COLUMN "command" text DEFAULT 'import' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "before_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "after_hash" text;