-- T2a–T2d as indicator facts (training.facts.ts): the key is the person. Statement-level triggers write the people
-- whose coverage may change into indicator_dirty, one insert per statement (the sign-in import writes thousands of
-- attendance rows in a few statements).
-- Memberships and attendance: their people (old and new rows: a merge moves them from one person to another).
CREATE TRIGGER "training_memberships_facts_ins" AFTER INSERT ON "training_memberships" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('training', 'person_id');
--> statement-breakpoint
CREATE TRIGGER "training_memberships_facts_upd" AFTER UPDATE ON "training_memberships" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('training', 'person_id');
--> statement-breakpoint
CREATE TRIGGER "training_memberships_facts_del" AFTER DELETE ON "training_memberships" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('training', 'person_id');
--> statement-breakpoint
CREATE TRIGGER "training_attendance_facts_ins" AFTER INSERT ON "training_attendance" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('training', 'person_id');
--> statement-breakpoint
CREATE TRIGGER "training_attendance_facts_del" AFTER DELETE ON "training_attendance" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_dirty('training', 'person_id');
--> statement-breakpoint
-- An attendance update matters only when it changes who, which session, attended or completed (not a certificate
-- or an assessment).
CREATE FUNCTION rh_training_attendance_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO indicator_dirty (source, key)
	SELECT DISTINCT 'training', k FROM new_rows n JOIN old_rows o ON o.id = n.id
		CROSS JOIN LATERAL (VALUES (n.person_id), (o.person_id)) AS x(k)
	WHERE (n.person_id, n.session_id, n.attended, n.completed) IS DISTINCT FROM (o.person_id, o.session_id, o.attended, o.completed);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "training_attendance_facts_upd" AFTER UPDATE ON "training_attendance" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_training_attendance_dirty();
--> statement-breakpoint
-- People: a change of organisation (placing) or a merge (the merged person leaves the rosters); a name or position
-- does not change the facts (the drill-down reads the position when it shows a page). A new person has no
-- memberships yet (they are inserted next, and marked then).
CREATE FUNCTION rh_training_people_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		INSERT INTO indicator_dirty (source, key)
		SELECT DISTINCT 'training', n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
		WHERE (n.organisation_id, n.merged_into_id) IS DISTINCT FROM (o.organisation_id, o.merged_into_id);
	ELSE
		INSERT INTO indicator_dirty (source, key) SELECT DISTINCT 'training', id FROM old_rows;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "training_people_facts_upd" AFTER UPDATE ON "training_people" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_training_people_dirty();
--> statement-breakpoint
CREATE TRIGGER "training_people_facts_del" AFTER DELETE ON "training_people" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_training_people_dirty();
--> statement-breakpoint
-- Sessions and courses: the attendees of a session whose days or course change, of a course whose kind changes
-- (a new session has no attendance yet; a session's or course's attendance is deleted, and marked, before it).
CREATE FUNCTION rh_training_sessions_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		INSERT INTO indicator_dirty (source, key)
		SELECT DISTINCT 'training', a.person_id FROM training_attendance a
		WHERE a.session_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
			WHERE (n.starts_on, n.ends_on, n.course_id) IS DISTINCT FROM (o.starts_on, o.ends_on, o.course_id));
	ELSE
		INSERT INTO indicator_dirty (source, key)
		SELECT DISTINCT 'training', a.person_id FROM training_attendance a WHERE a.session_id IN (SELECT id FROM old_rows);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "training_sessions_facts_upd" AFTER UPDATE ON "training_sessions" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_training_sessions_dirty();
--> statement-breakpoint
CREATE TRIGGER "training_sessions_facts_del" AFTER DELETE ON "training_sessions" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_training_sessions_dirty();
--> statement-breakpoint
CREATE FUNCTION rh_training_courses_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO indicator_dirty (source, key)
	SELECT DISTINCT 'training', a.person_id FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
	WHERE s.course_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.kind IS DISTINCT FROM o.kind);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "training_courses_facts_upd" AFTER UPDATE ON "training_courses" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rh_training_courses_dirty();
--> statement-breakpoint
-- Emptied tables, and the coverage rule: every person.
CREATE TRIGGER "training_attendance_facts_truncate" AFTER TRUNCATE ON "training_attendance" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('training');
--> statement-breakpoint
CREATE TRIGGER "training_memberships_facts_truncate" AFTER TRUNCATE ON "training_memberships" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('training');
--> statement-breakpoint
CREATE TRIGGER "training_settings_facts" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "training_settings" FOR EACH STATEMENT EXECUTE FUNCTION rh_mark_all_dirty('training');
--> statement-breakpoint
-- Existing deployments build their T2 facts on the first read.
INSERT INTO indicator_dirty (source, key) VALUES ('training', NULL);
