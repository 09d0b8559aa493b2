-- Hand-written: rules Prisma's schema language cannot state.

-- A consent names only the contract's categories and departments, at least one of each.
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_categories_check"
  CHECK (cardinality("categories") > 0 AND "categories" <@ ARRAY['PLAN','EMPLOYMENT_STATUS','EMPLOYMENT_ACTIVITIES','SOCIAL_MEASURES','HEALTH_SERVICES','HEALTH_CONDITIONS']::TEXT[]);
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_recipients_check"
  CHECK (cardinality("recipients") > 0 AND "recipients" <@ ARRAY['EMPLOYMENT','SOCIAL','HEALTH','COORDINATION']::TEXT[]);

-- The access log is append-only: nothing may change or delete a record.
CREATE FUNCTION "access_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the access log is append-only';
END;
$$;
CREATE TRIGGER "AccessEvent_append_only" BEFORE UPDATE OR DELETE ON "AccessEvent"
  FOR EACH ROW EXECUTE FUNCTION "access_event_is_append_only"();
CREATE TRIGGER "AccessEvent_no_truncate" BEFORE TRUNCATE ON "AccessEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "access_event_is_append_only"();
