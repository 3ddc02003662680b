-- Issue 14 §5: the 统计直报 7日 node is met by a follow-up (or "no change" confirmation) filed on the 7th day, from
-- 6 × 24 h after the accident (src/domain/direct-report.ts isDay7Report) — not by any first follow-up, which may come
-- minutes after the quick report. first_followup_at stays what it says; the node reads day7_report_at.
ALTER TABLE accidents ADD COLUMN day7_report_at timestamptz;

UPDATE accidents a
SET day7_report_at = (
  SELECT min(r.filed_at) FROM accident_revisions r
  WHERE r.region_code = a.region_code AND r.accident_id = a.id
    AND r.kind <> 'initial' AND r.filed_at >= a.occurred_at + interval '6 days'
)
WHERE a.first_followup_at IS NOT NULL;

-- A report whose 7日 node counted as met by an early follow-up owes it again: its earliest unmet deadline may now be
-- that node (LEAST ignores the NULL of a report that owed nothing). Historical imports owe no node.
UPDATE accidents
SET next_due_at = LEAST(next_due_at, occurred_at + interval '7 days')
WHERE source <> 'import' AND first_followup_at IS NOT NULL AND day7_report_at IS NULL;
