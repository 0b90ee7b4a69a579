CREATE TABLE "training_attendance" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"attended" boolean DEFAULT true NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"assessment" numeric,
	"certificate_code" text,
	"certificate_issued_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"hours" numeric,
	"organisation_id" integer NOT NULL,
	"material_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"session_id" integer,
	"rows" jsonb NOT NULL,
	"created_by" integer,
	"created_by_name" text NOT NULL,
	"committed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_memberships" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"target_group" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "training_people" (
	"id" serial PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"name_key" text NOT NULL,
	"position" text,
	"organisation_id" integer NOT NULL,
	"merged_into_id" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"course_id" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"province_unit_id" integer,
	"country_code" text,
	"place" text,
	"organiser_id" integer NOT NULL,
	"trainers" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"rule" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_person_id_training_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."training_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_courses" ADD CONSTRAINT "training_courses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_imports" ADD CONSTRAINT "training_imports_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_memberships" ADD CONSTRAINT "training_memberships_person_id_training_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."training_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_people" ADD CONSTRAINT "training_people_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_people" ADD CONSTRAINT "training_people_merged_into_id_training_people_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."training_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_province_unit_id_admin_units_id_fk" FOREIGN KEY ("province_unit_id") REFERENCES "public"."admin_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_organiser_id_organisations_id_fk" FOREIGN KEY ("organiser_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendance_session_person_uq" ON "training_attendance" USING btree ("session_id","person_id");--> statement-breakpoint
CREATE INDEX "training_attendance_person_idx" ON "training_attendance" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendance_certificate_uq" ON "training_attendance" USING btree ("certificate_code");--> statement-breakpoint
CREATE INDEX "training_courses_org_idx" ON "training_courses" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "training_memberships_person_idx" ON "training_memberships" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_memberships_group_idx" ON "training_memberships" USING btree ("target_group","valid_from");--> statement-breakpoint
CREATE INDEX "training_people_org_idx" ON "training_people" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "training_people_name_key_idx" ON "training_people" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "training_sessions_course_idx" ON "training_sessions" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "training_sessions_dates_idx" ON "training_sessions" USING btree ("ends_on");