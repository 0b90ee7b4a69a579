CREATE TABLE "plan_deadlines" (
	"year" integer PRIMARY KEY NOT NULL,
	"deadline" date NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
