/** The only way rescue resources and agreements leave the server: rows → the contract's views. */
import type {
  AgreementState,
  Availability,
  EquipmentCategory,
  Readiness,
  RescueAgreement,
  RescueResource,
  ResourceKind,
  ResourceRevision,
  Specialty,
  TeamLevel,
} from '../../../contracts/rescue-resources.js';
import { roundCoord } from '../../../domain/geo.js';
import { agreementState } from '../../../domain/rescue-coverage.js';
import type { AgreementRow, ResourceRow, RevisionRow } from './repo.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentResource(r: ResourceRow, regionName: string): RescueResource {
  return {
    id: r.id,
    kind: r.kind as ResourceKind,
    regionCode: r.region_code,
    regionName,
    name: r.name,
    specialties: r.specialties as Specialty[],
    lng: roundCoord(Number(r.lng)),
    lat: roundCoord(Number(r.lat)),
    address: r.address,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    note: r.note,
    level: r.level as TeamLevel | null,
    members: r.members,
    dutyPhone: r.duty_phone,
    readiness: r.readiness as Readiness | null,
    category: r.category as EquipmentCategory | null,
    equipmentType: r.equipment_type,
    quantity: r.quantity === null ? null : Number(r.quantity),
    unit: r.unit,
    ownerName: r.owner_name,
    maintainedOn: r.maintained_on,
    nextMaintenanceOn: r.next_maintenance_on,
    organization: r.organization,
    title: r.title,
    availability: r.availability as Availability | null,
    retiredAt: r.retired_at ? iso(r.retired_at) : null,
    retireReason: r.retire_reason,
    version: r.version,
    updatedAt: iso(r.updated_at),
  };
}

export function presentRevision(r: RevisionRow): ResourceRevision {
  return {
    version: r.version,
    change: r.change as ResourceRevision['change'],
    at: iso(r.at),
    actorName: r.actor_name,
    data: r.data,
  };
}

export function presentAgreement(a: AgreementRow, regionName: string, day: string): RescueAgreement {
  const state: AgreementState = agreementState(
    { validFrom: a.valid_from, validTo: a.valid_to, retired: a.retired_at !== null },
    day,
  );
  return {
    id: a.id,
    regionCode: a.region_code,
    regionName,
    enterpriseId: a.enterprise_id,
    enterpriseName: a.enterprise_name,
    creditCode: a.credit_code,
    teamId: a.team_id,
    teamName: a.team_name,
    teamLevel: a.team_level as TeamLevel | null,
    number: a.number,
    signedOn: a.signed_on,
    validFrom: a.valid_from,
    validTo: a.valid_to,
    scope: a.scope,
    note: a.note,
    state,
    retiredAt: a.retired_at ? iso(a.retired_at) : null,
    version: a.version,
    updatedAt: iso(a.updated_at),
  };
}
