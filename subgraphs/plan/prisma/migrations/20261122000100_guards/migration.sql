-- Hand-written: rules Prisma's schema language cannot state.

-- A consent names only the contract's categories and departments, at least one of each.
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_categories_check"
  CHECK (cardinality("categories") > 0 AND "categories" <@ ARRAY['PLAN','EMPLOYMENT_STATUS','EMPLOYMENT_ACTIVITIES','SOCIAL_MEASURES','HEALTH_SERVICES','HEALTH_CONDITIONS']::TEXT[]);
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_recipients_check"
  CHECK (cardinality("recipients") > 0 AND "recipients" <@ ARRAY['EMPLOYMENT','SOCIAL','HEALTH','COORDINATION']::TEXT[]);
