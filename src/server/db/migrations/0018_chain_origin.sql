-- Issue 14 §1: only a level that received a report from below may 签收 it. The level that filed the report itself
-- (the bureau of the duty officer who entered it) is its origin: it received nothing, so it never signs; when it is
-- at or above the report's target level, the report is with the target the moment it is filed.
--
-- A unit's or a town's report is received by the county from below: no level of the chain is its origin.
ALTER TABLE accident_chain ADD COLUMN originated boolean NOT NULL DEFAULT false;

-- Reports filed before: the origin is the chain level of the filing bureau (county level and above), for the
-- reports a bureau entered itself (source 'bureau' or 'duty_log'). Historical imports went up no chain.
UPDATE accident_chain c
SET originated = true
FROM accidents a
JOIN users u ON u.id = a.created_by
JOIN organizations o ON o.id = u.org_id
WHERE c.region_code = a.region_code AND c.accident_id = a.id
  AND a.source IN ('bureau', 'duty_log')
  AND o.kind = 'bureau'
  AND c.applicable
  AND c.level_region_code = o.region_code
  AND c.received_at IS NOT NULL;
