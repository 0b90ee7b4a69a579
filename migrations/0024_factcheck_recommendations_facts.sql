-- Indicator facts of fact-checking (T5b, T5c: source 'factcheck', key = an item's duplicate group) and of the UN
-- recommendations (T6: source 'recommendations', key = a recommendation). Statement-level triggers write the keys whose
-- facts may change into indicator_dirty in the writing transaction (indicators.facts.ts; the modules' *.facts.ts).
-- Items: the old and the new group (de-duplication may move an item between groups).
CREATE TRIGGER "fc_items_facts_ins" AFTER INSERT ON "fc_items" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('factcheck', 'group_id');
--> statement-breakpoint
CREATE TRIGGER "fc_items_facts_upd" AFTER UPDATE ON "fc_items" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('factcheck', 'group_id');
--> statement-breakpoint
CREATE TRIGGER "fc_items_facts_del" AFTER DELETE ON "fc_items" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('factcheck', 'group_id');
--> statement-breakpoint
-- Links and handling actions: the group of the row's item.
CREATE FUNCTION rh_fc_mark_item_group() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO indicator_dirty (source, key) SELECT DISTINCT 'factcheck', i.group_id FROM new_rows n JOIN fc_items i ON i.id = n.item_id WHERE i.group_id IS NOT NULL;
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		INSERT INTO indicator_dirty (source, key) SELECT DISTINCT 'factcheck', i.group_id FROM old_rows o JOIN fc_items i ON i.id = o.item_id WHERE i.group_id IS NOT NULL;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "fc_links_facts_ins" AFTER INSERT ON "fc_links" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_fc_mark_item_group();
--> statement-breakpoint
CREATE TRIGGER "fc_links_facts_upd" AFTER UPDATE ON "fc_links" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_fc_mark_item_group();
--> statement-breakpoint
CREATE TRIGGER "fc_links_facts_del" AFTER DELETE ON "fc_links" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_fc_mark_item_group();
--> statement-breakpoint
CREATE TRIGGER "fc_item_actions_facts_ins" AFTER INSERT ON "fc_item_actions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_fc_mark_item_group();
--> statement-breakpoint
CREATE TRIGGER "fc_item_actions_facts_upd" AFTER UPDATE ON "fc_item_actions" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_fc_mark_item_group();
--> statement-breakpoint
CREATE TRIGGER "fc_item_actions_facts_del" AFTER DELETE ON "fc_item_actions" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_fc_mark_item_group();
--> statement-breakpoint
-- Claims: every group with an item linked to the claim, when what T5b/T5c read of it changed (state, rating,
-- publication); a new claim has no links yet, a deleted one none left (their own triggers marked the groups).
CREATE FUNCTION rh_fc_mark_claim_groups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO indicator_dirty (source, key)
	SELECT DISTINCT 'factcheck', i.group_id
	FROM old_rows o JOIN new_rows n ON n.id = o.id
		JOIN fc_links l ON l.claim_id = n.id JOIN fc_items i ON i.id = l.item_id
	WHERE i.group_id IS NOT NULL
		AND (o.status, o.rating_code, o.published_at) IS DISTINCT FROM (n.status, n.rating_code, n.published_at);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "fc_claims_facts_upd" AFTER UPDATE ON "fc_claims" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_fc_mark_claim_groups();
--> statement-breakpoint
-- Ratings: whether a rating counts as false changes every group linked to a claim with it (rare: all groups).
CREATE FUNCTION rh_fc_mark_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM old_rows o FULL JOIN new_rows n ON n.code = o.code
		WHERE o.code IS NULL OR n.code IS NULL OR o.counts_as_false IS DISTINCT FROM n.counts_as_false) THEN
		INSERT INTO indicator_dirty (source, key) VALUES ('factcheck', NULL);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "fc_ratings_facts_upd" AFTER UPDATE ON "fc_ratings" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_fc_mark_ratings();
--> statement-breakpoint
CREATE TRIGGER "fc_ratings_facts_trunc" AFTER TRUNCATE ON "fc_ratings" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('factcheck');
--> statement-breakpoint
CREATE TRIGGER "fc_items_facts_trunc" AFTER TRUNCATE ON "fc_items" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('factcheck');
--> statement-breakpoint
-- Recommendations: the recommendation itself (position, marking, lead, reference) and its status history.
CREATE TRIGGER "recommendations_facts_ins" AFTER INSERT ON "recommendations" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('recommendations', 'id');
--> statement-breakpoint
CREATE TRIGGER "recommendations_facts_upd" AFTER UPDATE ON "recommendations" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('recommendations', 'id');
--> statement-breakpoint
CREATE TRIGGER "recommendations_facts_del" AFTER DELETE ON "recommendations" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('recommendations', 'id');
--> statement-breakpoint
CREATE TRIGGER "rec_status_history_facts_ins" AFTER INSERT ON "rec_status_history" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('recommendations', 'recommendation_id');
--> statement-breakpoint
CREATE TRIGGER "rec_status_history_facts_upd" AFTER UPDATE ON "rec_status_history" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('recommendations', 'recommendation_id');
--> statement-breakpoint
CREATE TRIGGER "rec_status_history_facts_del" AFTER DELETE ON "rec_status_history" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('recommendations', 'recommendation_id');
--> statement-breakpoint
CREATE TRIGGER "recommendations_facts_trunc" AFTER TRUNCATE ON "recommendations" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('recommendations');
--> statement-breakpoint
CREATE TRIGGER "rec_status_history_facts_trunc" AFTER TRUNCATE ON "rec_status_history" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('recommendations');
--> statement-breakpoint
-- The facts of existing deployments are built on the first read.
INSERT INTO indicator_dirty (source, key) VALUES ('factcheck', NULL), ('recommendations', NULL);
