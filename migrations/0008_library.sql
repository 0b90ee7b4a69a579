CREATE TABLE "languages" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"group" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"product_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	"filename" text NOT NULL,
	"caption" text,
	"thumbnail_sha256" text,
	"extracted_text" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_product_audiences" (
	"product_id" integer NOT NULL,
	"audience" integer NOT NULL,
	CONSTRAINT "library_product_audiences_product_id_audience_pk" PRIMARY KEY("product_id","audience")
);
--> statement-breakpoint
CREATE TABLE "library_product_languages" (
	"product_id" integer NOT NULL,
	"language" text NOT NULL,
	CONSTRAINT "library_product_languages_product_id_language_pk" PRIMARY KEY("product_id","language")
);
--> statement-breakpoint
CREATE TABLE "library_product_texts" (
	"product_id" integer NOT NULL,
	"position" integer NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	CONSTRAINT "library_product_texts_product_id_position_pk" PRIMARY KEY("product_id","position")
);
--> statement-breakpoint
CREATE TABLE "library_product_topics" (
	"product_id" integer NOT NULL,
	"topic_id" integer NOT NULL,
	CONSTRAINT "library_product_topics_product_id_topic_id_pk" PRIMARY KEY("product_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "library_products" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"channel" text NOT NULL,
	"date" date NOT NULL,
	"rights" text,
	"licence" text,
	"url" text,
	"isbn" text,
	"publisher" text,
	"book_year" integer,
	"pages" integer,
	"edition" text,
	"edition_of_id" integer,
	"title_root_id" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"search_exact" text DEFAULT '' NOT NULL,
	"sort_key" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_relations" (
	"from_id" integer NOT NULL,
	"to_id" integer NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "library_relations_from_id_to_id_kind_pk" PRIMARY KEY("from_id","to_id","kind")
);
--> statement-breakpoint
ALTER TABLE "library_files" ADD CONSTRAINT "library_files_product_id_library_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."library_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_product_audiences" ADD CONSTRAINT "library_product_audiences_product_id_library_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."library_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_product_languages" ADD CONSTRAINT "library_product_languages_product_id_library_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."library_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_product_languages" ADD CONSTRAINT "library_product_languages_language_languages_code_fk" FOREIGN KEY ("language") REFERENCES "public"."languages"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_product_texts" ADD CONSTRAINT "library_product_texts_product_id_library_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."library_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_product_topics" ADD CONSTRAINT "library_product_topics_product_id_library_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."library_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_product_topics" ADD CONSTRAINT "library_product_topics_topic_id_press_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."press_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_products" ADD CONSTRAINT "library_products_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_relations" ADD CONSTRAINT "library_relations_from_id_library_products_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."library_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_relations" ADD CONSTRAINT "library_relations_to_id_library_products_id_fk" FOREIGN KEY ("to_id") REFERENCES "public"."library_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "library_files_product_idx" ON "library_files" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "library_files_sha_idx" ON "library_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "library_product_languages_lang_idx" ON "library_product_languages" USING btree ("language");--> statement-breakpoint
CREATE INDEX "library_product_topics_topic_idx" ON "library_product_topics" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "library_products_org_idx" ON "library_products" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "library_products_status_date_idx" ON "library_products" USING btree ("status","date");--> statement-breakpoint
CREATE INDEX "library_products_updated_idx" ON "library_products" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "library_products_isbn_uq" ON "library_products" USING btree ("isbn") WHERE "library_products"."isbn" is not null and "library_products"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "library_products_search_trgm" ON "library_products" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "library_relations_to_idx" ON "library_relations" USING btree ("to_id");