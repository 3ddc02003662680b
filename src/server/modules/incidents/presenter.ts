/** Incidents as the API shows them: the only way an incident's rows leave the server. */
import type { Department, IncidentView, InvitationAccess } from '../../../contracts/incidents.js';
import { can } from '../../../contracts/policies.js';
import { roundCoord } from '../../../domain/geo.js';
import type { Grade } from '../../../domain/grade.js';
import {
  type LogKind,
  levelBelow,
  levelForGrade,
  type ResponseLevel,
  responseTimes,
  type SystemLogKind,
  type TaskState,
} from '../../../domain/incident.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import { regionName } from '../regions/lookup.js';
import * as repo from './repo.js';
import type { Reach } from './service.js';

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);
const isoOf = (d: Date | string): string => new Date(d).toISOString();

export async function presentIncident(ctx: AppContext, actor: Actor, r: Reach): Promise<IncidentView> {
  const q = ctx.db.kysely;
  const i = r.incident;
  const a = (await repo.accidentById(q, i.accident_id)) as repo.AccidentFacts;
  const levels = await repo.levelsOf(q, i);
  const log = await repo.logOf(q, i);
  const tasks = await repo.tasksOf(q, i);
  const events = await repo.taskEventsOf(q, i);
  const bureau = r.invitation === null;
  const invitations = bureau ? await repo.invitationsOf(q, i) : [];
  const views = bureau ? await repo.viewsOf(q, i) : [];
  const report = i.report_document_id
    ? await q
        .selectFrom('issued_documents')
        .select(['id', 'number'])
        .where('subject_region_code', '=', i.region_code)
        .where('id', '=', i.report_document_id)
        .executeTakeFirst()
    : undefined;
  const open = i.status === 'open';
  const command = bureau && can(actor.role, 'incident.command');
  const lead = command && coversRegion(actor, i.lead_region_code);
  const gradeLevel = levelForGrade(a.grade as Grade);
  return {
    id: i.id,
    regionCode: i.region_code,
    regionName: await regionName(ctx.db, i.region_code),
    status: i.status as 'open' | 'closed',
    level: i.level as ResponseLevel,
    leadRegionCode: i.lead_region_code,
    leadOrgName: i.lead_org_name,
    autoOpened: i.auto_opened,
    reportedAt: isoOf(i.reported_at),
    openedAt: isoOf(i.opened_at),
    openedByName: i.opened_by_name,
    closedAt: iso(i.closed_at),
    closedByName: i.closed_by_name,
    closeSummary: i.close_summary,
    location:
      i.lng !== null && i.lat !== null
        ? { lng: roundCoord(i.lng), lat: roundCoord(i.lat), source: i.location_source as 'enterprise' | 'county_seat' }
        : null,
    accident: {
      id: a.id,
      reportNo: a.report_no,
      unitName: a.unit_name,
      address: a.address,
      occurredAt: isoOf(a.occurred_at),
      grade: a.grade,
      accidentType: a.accident_type,
      figures: {
        deaths: a.deaths,
        missing: a.missing,
        seriousInjuries: a.serious_injuries,
        minorInjuries: a.minor_injuries,
        directLossYuan: a.direct_loss_yuan,
      },
      figuresAt: isoOf(a.updated_at),
      revisionCount: a.revision_count,
    },
    responseTimes: responseTimes({
      reportedAt: new Date(i.reported_at),
      firstDispatchAt: i.first_dispatch_at ? new Date(i.first_dispatch_at) : null,
      firstOnSiteAt: i.first_on_site_at ? new Date(i.first_on_site_at) : null,
    }),
    firstDispatchAt: iso(i.first_dispatch_at),
    firstOnSiteAt: iso(i.first_on_site_at),
    levels: levels.map((l) => ({
      seq: l.seq,
      level: l.level as ResponseLevel,
      leadRegionCode: l.lead_region_code,
      leadOrgName: l.lead_org_name,
      reason: l.reason,
      at: isoOf(l.at),
      actorName: l.actor_name,
    })),
    gradeLevel,
    levelBelowGrade: levelBelow(i.level as ResponseLevel, gradeLevel),
    log: log.map((e) => ({
      seq: e.seq,
      kind: e.kind as LogKind | SystemLogKind,
      at: isoOf(e.at),
      authorName: e.author_name,
      authorOrg: e.author_org,
      authorLevel: e.author_level,
      text: e.text,
      data: (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as Record<string, unknown>,
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      resourceId: t.resource_id,
      resourceKind: t.resource_kind,
      resourceName: t.resource_name,
      resourceRegionCode: t.resource_region_code,
      distanceKm: t.distance_km,
      assignment: t.assignment,
      state: t.state as TaskState,
      dispatchedAt: isoOf(t.dispatched_at),
      enRouteAt: iso(t.en_route_at),
      onSiteAt: iso(t.on_site_at),
      withdrawnAt: iso(t.withdrawn_at),
      dispatchedByName: t.dispatched_by_name,
      events: events
        .filter((e) => e.task_id === t.id)
        .map((e) => ({
          seq: e.seq,
          state: e.state as TaskState,
          at: isoOf(e.at),
          actorName: e.actor_name,
          note: e.note,
        })),
    })),
    invitations: invitations.map((v) => ({
      id: v.id,
      userId: v.user_id,
      userName: v.user_name,
      username: v.username,
      department: v.department as Department,
      departmentName: v.department_name,
      access: v.access as InvitationAccess,
      invitedAt: isoOf(v.invited_at),
      invitedByName: v.invited_by_name,
      revokedAt: iso(v.revoked_at),
    })),
    views: views.map((v) => ({
      userName: v.user_name,
      departmentName: v.department_name,
      what: v.what,
      at: isoOf(v.at),
    })),
    report: report ? { documentId: report.id, number: report.number } : null,
    may: {
      command: command && open,
      lead: lead && open,
      log: open && (bureau ? can(actor.role, 'incident.log') : r.invitation?.access === 'comment'),
      dispatch: command && open,
    },
    invitedAs: r.invitation
      ? { departmentName: r.invitation.department_name, access: r.invitation.access as InvitationAccess }
      : null,
    version: i.version,
  };
}
