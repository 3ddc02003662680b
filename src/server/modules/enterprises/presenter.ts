/** The only way enterprise and licence records leave the server. */
import type { EnterpriseListItem, EnterpriseView, LicenceView } from '../../../contracts/enterprises.js';
import {
  daysUntil,
  type EnterpriseStatus,
  expiryStage,
  LICENCE_TYPE_LABELS,
  type LicenceRecordedStatus,
  type LicenceType,
  licenceState,
  missingLicences,
  type Scale,
  type Sector,
} from '../../../domain/enterprise.js';
import type { EnterpriseRow, LicenceRow } from './repo.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentListItem(e: EnterpriseRow, regionName: string): EnterpriseListItem {
  return {
    id: e.id,
    creditCode: e.credit_code,
    name: e.name,
    regionCode: e.region_code,
    regionName,
    address: e.address,
    longitude: e.longitude === null ? null : Number(e.longitude),
    latitude: e.latitude === null ? null : Number(e.latitude),
    industryCode: e.industry_code,
    sectors: e.sectors as Sector[],
    scale: e.scale as Scale | null,
    status: e.status as EnterpriseStatus,
    employees: e.employees,
    majorHazardCount: e.major_hazard_count,
    topHazardGrade: e.top_hazard_grade,
  };
}

export function presentLicence(l: LicenceRow, today: string): LicenceView {
  const recorded = l.status as LicenceRecordedStatus;
  return {
    id: l.id,
    enterpriseId: l.enterprise_id,
    regionCode: l.region_code,
    type: l.type as LicenceType,
    typeName: LICENCE_TYPE_LABELS[l.type as LicenceType],
    number: l.number,
    scope: l.scope,
    issuer: l.issuer,
    validFrom: l.valid_from,
    validTo: l.valid_to,
    recordedStatus: recorded,
    state: licenceState(recorded, l.valid_to, today),
    daysLeft: daysUntil(today, l.valid_to),
    alert: expiryStage(recorded, l.valid_to, today),
    version: l.version,
  };
}

export function presentEnterprise(
  e: EnterpriseRow,
  regionName: string,
  licenceRows: readonly LicenceRow[],
  today: string,
): EnterpriseView {
  const item = presentListItem(e, regionName);
  const licences = licenceRows.map((l) => presentLicence(l, today));
  return {
    ...item,
    legalRepresentative: e.legal_representative,
    principalName: e.principal_name,
    principalPhone: e.principal_phone,
    safetyManagerName: e.safety_manager_name,
    safetyManagerPhone: e.safety_manager_phone,
    version: e.version,
    createdAt: iso(e.created_at),
    updatedAt: iso(e.updated_at),
    licences,
    missingLicences: missingLicences(item.status, item.sectors, licences),
  };
}

/** The audited picture of an enterprise: its stored fields (what before/after compare). */
export function auditedEnterprise(e: EnterpriseRow) {
  const { created_at: _c, updated_at: _u, major_hazard_count: _m, top_hazard_grade: _t, ...rest } = e;
  return rest;
}
