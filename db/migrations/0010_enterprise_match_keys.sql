ALTER TABLE "enterprises" ADD COLUMN "match_keys" text[];--> statement-breakpoint
CREATE INDEX "enterprises_match_keys_idx" ON "enterprises" USING gin ("match_keys");