-- An invited department user's nearest-resources read of an incident (GET /api/incidents/:id/nearest) is a view too:
-- every read by an invited user is recorded once (issue 12 §3, review 12 #19).
ALTER TABLE incident_views DROP CONSTRAINT incident_views_what_check;
ALTER TABLE incident_views ADD CONSTRAINT incident_views_what_check
  CHECK (what IN ('detail', 'wall', 'report', 'nearest'));
