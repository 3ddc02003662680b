/** Self-inspection rows → the API's views. */
import type {
  SelfInspectionItemView,
  SelfInspectionSummary,
  SelfInspectionView,
} from '../../../contracts/self-inspections.js';
import type { LocalDate } from '../../../domain/calendar.js';
import { toShanghaiIso } from '../../../domain/time.js';
import { presentDangerBrief } from '../inspections/presenter.js';
import type { DangerBrief } from '../inspections/repo.js';
import type * as repo from './repo.js';

export function presentSummary(r: repo.SelfInspectionSummaryRow, regionName: string): SelfInspectionSummary {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    inspectedOn: r.inspected_on,
    templateCode: r.template_code,
    inspectorName: r.inspector_name,
    itemCount: r.item_count,
    nonconforming: r.nonconforming,
    recordedBy: r.recorded_by_name,
    recordedAt: toShanghaiIso(new Date(r.recorded_at)),
  };
}

export function presentSelfInspection(
  r: repo.SelfInspectionRow,
  rel: { regionName: string; dangers: DangerBrief[]; today: LocalDate },
): SelfInspectionView {
  return {
    ...presentSummary(r, rel.regionName),
    items: r.items as SelfInspectionItemView[],
    findings: r.findings,
    dangers: rel.dangers.map((d) => presentDangerBrief(d, rel.today)),
  };
}
