CREATE TABLE "exhibition_audiences" (
	"exhibition_id" integer NOT NULL,
	"audience" integer NOT NULL,
	CONSTRAINT "exhibition_audiences_exhibition_id_audience_pk" PRIMARY KEY("exhibition_id","audience")
);
--> statement-breakpoint
CREATE TABLE "exhibition_caption_languages" (
	"exhibition_id" integer NOT NULL,
	"language" text NOT NULL,
	CONSTRAINT "exhibition_caption_languages_exhibition_id_language_pk" PRIMARY KEY("exhibition_id","language")
);
--> statement-breakpoint
CREATE TABLE "exhibition_items" (
	"exhibition_id" integer NOT NULL,
	"position" integer NOT NULL,
	"product_id" integer NOT NULL,
	"captions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "exhibition_items_exhibition_id_position_pk" PRIMARY KEY("exhibition_id","position")
);
--> statement-breakpoint
CREATE TABLE "exhibition_organisers" (
	"exhibition_id" integer NOT NULL,
	"position" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	CONSTRAINT "exhibition_organisers_exhibition_id_position_pk" PRIMARY KEY("exhibition_id","position")
);
--> statement-breakpoint
CREATE TABLE "exhibition_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"exhibition_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	"filename" text NOT NULL,
	"caption" text,
	"thumbnail_sha256" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exhibition_texts" (
	"exhibition_id" integer NOT NULL,
	"position" integer NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"narrative" text,
	CONSTRAINT "exhibition_texts_exhibition_id_position_pk" PRIMARY KEY("exhibition_id","position")
);
--> statement-breakpoint
CREATE TABLE "exhibitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"visitors" integer,
	"views" integer,
	"location" text,
	"venue_name" text,
	"unit_id" integer,
	"former_unit_id" integer,
	"country_code" text,
	"city" text,
	"lat" double precision,
	"lon" double precision,
	"has_foreign" boolean DEFAULT false NOT NULL,
	"online_published_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exhibition_audiences" ADD CONSTRAINT "exhibition_audiences_exhibition_id_exhibitions_id_fk" FOREIGN KEY ("exhibition_id") REFERENCES "public"."exhibitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibition_caption_languages" ADD CONSTRAINT "exhibition_caption_languages_exhibition_id_exhibitions_id_fk" FOREIGN KEY ("exhibition_id") REFERENCES "public"."exhibitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibition_items" ADD CONSTRAINT "exhibition_items_exhibition_id_exhibitions_id_fk" FOREIGN KEY ("exhibition_id") REFERENCES "public"."exhibitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibition_items" ADD CONSTRAINT "exhibition_items_product_id_library_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."library_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibition_organisers" ADD CONSTRAINT "exhibition_organisers_exhibition_id_exhibitions_id_fk" FOREIGN KEY ("exhibition_id") REFERENCES "public"."exhibitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibition_organisers" ADD CONSTRAINT "exhibition_organisers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibition_photos" ADD CONSTRAINT "exhibition_photos_exhibition_id_exhibitions_id_fk" FOREIGN KEY ("exhibition_id") REFERENCES "public"."exhibitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibition_texts" ADD CONSTRAINT "exhibition_texts_exhibition_id_exhibitions_id_fk" FOREIGN KEY ("exhibition_id") REFERENCES "public"."exhibitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibitions" ADD CONSTRAINT "exhibitions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibitions" ADD CONSTRAINT "exhibitions_unit_id_admin_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."admin_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibitions" ADD CONSTRAINT "exhibitions_former_unit_id_admin_units_id_fk" FOREIGN KEY ("former_unit_id") REFERENCES "public"."admin_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exhibitions" ADD CONSTRAINT "exhibitions_country_code_countries_alpha2_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("alpha2") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exhibition_items_product_idx" ON "exhibition_items" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "exhibition_organisers_org_idx" ON "exhibition_organisers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "exhibition_photos_exhibition_idx" ON "exhibition_photos" USING btree ("exhibition_id");--> statement-breakpoint
CREATE INDEX "exhibitions_dates_idx" ON "exhibitions" USING btree ("start_date","end_date");--> statement-breakpoint
CREATE INDEX "exhibitions_org_idx" ON "exhibitions" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "exhibitions_former_unit_idx" ON "exhibitions" USING btree ("former_unit_id");