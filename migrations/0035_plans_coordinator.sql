ALTER TABLE "plans" ADD COLUMN "awaiting" text;--> statement-breakpoint
-- Plans submitted before coordinators took part wait for the programme office.
UPDATE "plans" SET "awaiting" = 'office' WHERE "status" = 'submitted';
