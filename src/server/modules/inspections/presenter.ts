/** The only way inspections and their evidence leave the server. */
import type {
  EvidenceKind,
  EvidenceView,
  InspectionItemView,
  InspectionKind,
  InspectionSummary,
  InspectionView,
  TeamMember,
} from '../../../contracts/inspections.js';
import type { LocalDate } from '../../../domain/calendar.js';
import { dangerStatus, type RectificationKind } from '../../../domain/hidden-danger.js';
import type { IssuedDocument } from '../../documents/numbering.js';
import type * as repo from './repo.js';

/** An item as stored in inspections.items: the library's text and basis travel with the result. */
export type StoredItem = InspectionItemView;

export function presentEvidence(r: repo.EvidenceRow): EvidenceView {
  return {
    id: r.id,
    kind: r.kind as EvidenceKind,
    sha256: r.sha256,
    contentType: r.content_type,
    size: r.size,
    fileName: r.file_name,
    capturedAt: new Date(r.captured_at).toISOString(),
    location:
      r.latitude !== null && r.longitude !== null
        ? { latitude: r.latitude, longitude: r.longitude, accuracy: r.accuracy_m }
        : null,
    uploadedByName: r.uploaded_by_name,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
    inspectionId: r.inspection_id,
  };
}

export function presentSummary(r: repo.InspectionSummaryRow, regionName: string): InspectionSummary {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name },
    bureauName: r.bureau_name,
    kind: r.kind as InspectionKind,
    inspectedOn: r.inspected_on,
    place: r.place,
    team: r.team as TeamMember[],
    itemCount: r.item_count,
    nonconforming: r.nonconforming,
    recordedByName: r.recorded_by_name,
  };
}

/** A danger found, with its status today. */
export function presentDangerBrief(d: repo.DangerBrief, today: LocalDate) {
  return {
    id: d.id,
    level: d.level,
    description: d.description,
    status: dangerStatus(
      {
        rectification: d.rectification as RectificationKind,
        deadline: d.deadline,
        completedOn: d.completed_on,
        closedOn: d.closed_on,
      },
      today,
    ),
  };
}

export function presentInspection(
  r: repo.InspectionRow,
  rel: {
    evidence: repo.EvidenceRow[];
    dangers: repo.DangerBrief[];
    documents: IssuedDocument[];
    regionName: string;
    today: LocalDate;
  },
): InspectionView {
  return {
    ...presentSummary(r, rel.regionName),
    planItemId: r.plan_item_id,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: new Date(r.finished_at).toISOString(),
    items: r.items as StoredItem[],
    findings: r.findings,
    signature:
      r.signature === 'refused'
        ? { status: 'refused', representativeName: r.representative_name, witness: r.refusal_witness ?? '' }
        : { status: 'signed', representativeName: r.representative_name, hasImage: r.signature_image !== null },
    evidence: rel.evidence.map(presentEvidence),
    dangers: rel.dangers.map((d) => presentDangerBrief(d, rel.today)),
    documents: rel.documents.map(({ id, kind, number, issuedAt, issuerOrg }) => ({
      id,
      kind,
      number,
      issuedAt,
      issuerOrg,
    })),
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}
