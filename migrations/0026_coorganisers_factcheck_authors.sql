-- Issue 16, findings 10 and 12.
-- Exhibitions: an organiser row gets its confirmation (pending | confirmed | declined, who asked and when, who decided
-- and when). Only a confirmed organiser counts for T3 by organiser (exhibitions.facts.ts and the oracle provider) and
-- shows on the portal. The organisers' facts trigger of 0023 (rh_mark_exhibition_organisers, AFTER UPDATE of any
-- column) already marks the exhibition's unit dirty when a confirmation changes: no trigger change is needed.
-- Fact-checks: who wrote the content of each version (fc_contributions: none of them approves it), and the correction
-- waiting for a second person (fc_correction_proposals).
CREATE TABLE "fc_contributions" (
	"claim_id" integer NOT NULL,
	"version" integer NOT NULL,
	"user_id" integer NOT NULL,
	"parts" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fc_contributions_claim_id_version_user_id_pk" PRIMARY KEY("claim_id","version","user_id")
);
--> statement-breakpoint
CREATE TABLE "fc_correction_proposals" (
	"claim_id" integer PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"rating_code" text NOT NULL,
	"rationale_vi" text,
	"rationale_en" text,
	"note" text NOT NULL,
	"proposed_by" integer,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exhibition_organisers" ADD COLUMN "confirmation" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "exhibition_organisers" ADD COLUMN "requested_by" integer;--> statement-breakpoint
ALTER TABLE "exhibition_organisers" ADD COLUMN "requested_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "exhibition_organisers" ADD COLUMN "decided_by" integer;--> statement-breakpoint
ALTER TABLE "exhibition_organisers" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fc_contributions" ADD CONSTRAINT "fc_contributions_claim_id_fc_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."fc_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_correction_proposals" ADD CONSTRAINT "fc_correction_proposals_claim_id_fc_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."fc_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fc_correction_proposals" ADD CONSTRAINT "fc_correction_proposals_rating_code_fc_ratings_code_fk" FOREIGN KEY ("rating_code") REFERENCES "public"."fc_ratings"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Existing organisers: the rule applied as if it had held when each exhibition was created. The lead (position 0),
-- and a co-organiser its creator could have confirmed (no creator on record: the system, the seed and the demo; the
-- programme office; an editor whose organisation's subtree holds the co-organiser) are confirmed by the creator at
-- the creation time. Any other co-organiser becomes a pending request that its own organisation sees and decides.
WITH RECURSIVE anc(org_id, ancestor_id, depth) AS (
	SELECT id, id, 0 FROM organisations
	UNION ALL
	SELECT a.org_id, o.parent_id, a.depth + 1 FROM anc a JOIN organisations o ON o.id = a.ancestor_id
	WHERE o.parent_id IS NOT NULL AND a.depth < 100
)
UPDATE "exhibition_organisers" eo SET "confirmation" = 'confirmed', "decided_by" = e.created_by, "decided_at" = e.created_at
FROM exhibitions e LEFT JOIN users u ON u.id = e.created_by
WHERE e.id = eo.exhibition_id AND (
	eo.position = 0 OR u.id IS NULL OR u.role = 'admin'
	OR (u.role = 'editor' AND EXISTS (SELECT 1 FROM anc WHERE anc.org_id = eo.organisation_id AND anc.ancestor_id = u.organisation_id))
);
--> statement-breakpoint
UPDATE "exhibition_organisers" eo SET "requested_by" = e.created_by, "requested_at" = e.created_at FROM exhibitions e WHERE e.id = eo.exhibition_id;
--> statement-breakpoint
INSERT INTO indicator_dirty (source, key) VALUES ('exhibitions', NULL);
--> statement-breakpoint
-- Who wrote each existing version, from what is on record: who marked the draft drafted, who added its evidence,
-- every edit of a draft in the audit log (they happen only before publication: version 1), each correction's author.
INSERT INTO "fc_contributions" ("claim_id", "version", "user_id", "parts", "first_at", "last_at")
SELECT c.claim_id, c.version, c.user_id, array_agg(DISTINCT c.part ORDER BY c.part), min(c.at), max(c.at) FROM (
	SELECT id AS claim_id, 1 AS version, drafted_by AS user_id, 'drafted' AS part, coalesce(drafted_at, updated_at) AS at FROM fc_claims WHERE drafted_by IS NOT NULL
	UNION ALL SELECT claim_id, 1, added_by, 'evidence', created_at FROM fc_evidence WHERE added_by IS NOT NULL
	UNION ALL SELECT entity_id::int, 1, actor_id, 'draft', at FROM audit_log
		WHERE entity = 'fc_claim' AND action = 'update' AND actor_id IS NOT NULL AND entity_id ~ '^[0-9]{1,9}$'
	UNION ALL SELECT claim_id, version, corrected_by, 'correction', corrected_at FROM fc_corrections WHERE corrected_by IS NOT NULL
) c WHERE EXISTS (SELECT 1 FROM fc_claims f WHERE f.id = c.claim_id)
GROUP BY c.claim_id, c.version, c.user_id;
