-- T1 as indicator facts (press.facts.ts): one fact per expected agency and reporting period, key (src) = the
-- organisation. These triggers write the organisations whose T1 facts a write may change into indicator_dirty, in the
-- same transaction as the write.
--
-- An organisation and every organisation it passes its items to (its successor, theirs, …): an item of a predecessor
-- deactivated within a period counts for its successor, down chains of successions.
CREATE FUNCTION rh_press_mark_orgs(ids integer[]) RETURNS void LANGUAGE sql AS $$
	INSERT INTO indicator_dirty (source, key)
	WITH RECURSIVE up(id) AS (
		SELECT DISTINCT x FROM unnest(ids) AS x WHERE x IS NOT NULL
		UNION
		SELECT o.successor_id FROM up JOIN organisations o ON o.id = up.id WHERE o.successor_id IS NOT NULL
	)
	SELECT 'press', id FROM up
$$;
--> statement-breakpoint
-- Press items: only a change that can move a count — an item that counts (published, corrected: COUNTING_STATUSES in
-- press.workflow.ts) before or after the write, whose status, publication time or organisation changed. Drafts edited,
-- titles corrected: nothing to do.
CREATE FUNCTION rh_press_items_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM rh_press_mark_orgs(array(SELECT DISTINCT organisation_id FROM new_rows WHERE status IN ('published', 'corrected')));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM rh_press_mark_orgs(array(SELECT DISTINCT organisation_id FROM old_rows WHERE status IN ('published', 'corrected')));
	ELSE
		PERFORM rh_press_mark_orgs(array(
			SELECT DISTINCT x FROM old_rows o JOIN new_rows n ON n.id = o.id
				CROSS JOIN LATERAL (VALUES (o.organisation_id), (n.organisation_id)) AS v(x)
			WHERE (o.status, o.published_at, o.organisation_id) IS DISTINCT FROM (n.status, n.published_at, n.organisation_id)
				AND (o.status IN ('published', 'corrected') OR n.status IN ('published', 'corrected'))));
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "press_items_facts_ins" AFTER INSERT ON "press_items" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_press_items_dirty();
--> statement-breakpoint
CREATE TRIGGER "press_items_facts_upd" AFTER UPDATE ON "press_items" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_press_items_dirty();
--> statement-breakpoint
CREATE TRIGGER "press_items_facts_del" AFTER DELETE ON "press_items" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_press_items_dirty();
--> statement-breakpoint
-- Spokespersons: their organisation.
CREATE TRIGGER "press_spokespersons_facts_ins" AFTER INSERT ON "press_spokespersons" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('press', 'organisation_id');
--> statement-breakpoint
CREATE TRIGGER "press_spokespersons_facts_upd" AFTER UPDATE ON "press_spokespersons" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('press', 'organisation_id');
--> statement-breakpoint
CREATE TRIGGER "press_spokespersons_facts_del" AFTER DELETE ON "press_spokespersons" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('press', 'organisation_id');
--> statement-breakpoint
-- Organisations decide who is expected (state administrative agency, active, valid from/to) and where items go
-- (successor): the organisation, its successor chains before and after the write, and its predecessors.
CREATE FUNCTION rh_press_organisations_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	ids integer[];
BEGIN
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		ids := array(SELECT id FROM new_rows UNION SELECT successor_id FROM new_rows WHERE successor_id IS NOT NULL);
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		ids := coalesce(ids, '{}') || array(SELECT id FROM old_rows UNION SELECT successor_id FROM old_rows WHERE successor_id IS NOT NULL);
	END IF;
	ids := ids || array(
		WITH RECURSIVE down(id) AS (
			SELECT DISTINCT x FROM unnest(ids) AS x
			UNION
			SELECT o.id FROM organisations o JOIN down ON o.successor_id = down.id
		)
		SELECT id FROM down);
	PERFORM rh_press_mark_orgs(ids);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "organisations_press_ins" AFTER INSERT ON "organisations" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_press_organisations_dirty();
--> statement-breakpoint
CREATE TRIGGER "organisations_press_upd" AFTER UPDATE ON "organisations" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_press_organisations_dirty();
--> statement-breakpoint
CREATE TRIGGER "organisations_press_del" AFTER DELETE ON "organisations" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_press_organisations_dirty();
--> statement-breakpoint
-- The reporting settings (grace days, include and exclude lists) touch every agency.
CREATE TRIGGER "press_reporting_settings_facts" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "press_reporting_settings" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('press');
--> statement-breakpoint
CREATE TRIGGER "press_items_facts_truncate" AFTER TRUNCATE ON "press_items" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('press');
--> statement-breakpoint
CREATE TRIGGER "press_spokespersons_facts_truncate" AFTER TRUNCATE ON "press_spokespersons" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('press');
--> statement-breakpoint
-- Existing deployments build their facts on the first read.
INSERT INTO indicator_dirty (source, key) VALUES ('press', NULL);
