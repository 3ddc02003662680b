/** Kysely table types. The migrations in ./migrations are the source of truth; this mirrors them. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface RegionsTable {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  full_name: string;
}

export interface OrganizationsTable {
  id: string;
  region_code: string;
  kind: 'bureau' | 'enterprise';
  name: string;
  credit_code: string | null;
  industry_code: string | null;
  address: string | null;
  duty_phone: string | null;
  created_at: Generated<Timestamp>;
}

export interface UsersTable {
  id: string;
  region_code: string;
  org_id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  phone: string | null;
  is_demo: Generated<boolean>;
  disabled: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** 行政执法证号 (inspectors). */
  enforcement_cert: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LoginThrottleTable {
  username_key: string;
  failures: Generated<number>;
  window_started_at: Timestamp | null;
  locked_until: Timestamp | null;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface AuditHeadsTable {
  chain_key: string;
  seq: number;
  hash: string;
}

export interface AuditLogTable {
  chain_key: string;
  /** From audit_log_seq since migration 0015 (per-chain 1, 2, 3 … in the legacy chains). */
  seq: Generated<number>;
  id: string;
  region_code: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  /** Legacy chains only (before migration 0015); NULL on rows sealed in batches. */
  prev_hash: string | null;
  hash: string;
  /** The writing transaction (pg_current_xact_id(), xid8 as text); NULL on legacy rows. */
  xid: Generated<string | null>;
  /** Where the write came from (request IP; migration 0020); NULL on system writes and older rows. */
  client_addr: string | null;
}

/** The seal chain over the audit log (migration 0015): one row per sealed batch, plus the legacy seal. */
export interface AuditSealsTable {
  region_code: Generated<string>;
  seq: number;
  kind: 'legacy' | 'batch';
  lo_xid: string | null;
  hi_xid: string | null;
  row_count: number;
  first_row: string | null;
  last_row: string | null;
  root: string;
  prev: string;
  hash: string;
  sealed_at: Timestamp;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  region_code: string;
  request_hash: string;
  response_status: number | null;
  response_body: Json | null;
  created_at: Timestamp;
}

export interface AccidentsTable {
  id: string;
  region_code: string;
  report_no: string;
  occurred_at: Timestamp;
  received_at: Timestamp;
  address: string;
  unit_name: string;
  unit_credit_code: string | null;
  enterprise_org_id: string | null;
  industry_code: string;
  accident_type: string;
  domain: string;
  deaths: number;
  missing: number;
  serious_injuries: number;
  minor_injuries: number;
  direct_loss_yuan: number;
  stat_deaths: number;
  stat_missing: number;
  stat_serious_injuries: number;
  stat_minor_injuries: number;
  stat_direct_loss_yuan: number;
  grade: string;
  target_level: string;
  holder_level: string;
  summary: string | null;
  measures_taken: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  source: string;
  duty_log_id: string | null;
  flags: string[];
  revision_count: number;
  complete_at: Timestamp | null;
  first_followup_at: Timestamp | null;
  /** The first follow-up filed from day 7 on: the 统计直报 7日 node (migration 0019). */
  day7_report_at: Timestamp | null;
  final_at: Timestamp | null;
  next_due_at: Timestamp | null;
  /** 核销: set when a write-off is approved; the record then leaves every statistic. */
  written_off_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** 历史数据导入 (0010_import.sql): the import that created the row and its natural key; NULL for live reports. */
  import_id: string | null;
  import_key: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccidentRevisionsTable {
  region_code: string;
  accident_id: string;
  no: number;
  kind: 'initial' | 'followup' | 'no_change' | 'final';
  filed_at: Timestamp;
  filed_by: string;
  filed_by_name: string;
  filed_by_org: string;
  note: string | null;
  snapshot: Json;
  changes: Json;
  outside_window: boolean;
  grade_before: string | null;
  grade_after: string;
}

export interface AccidentChainTable {
  region_code: string;
  accident_id: string;
  level: string;
  level_region_code: string;
  received_at: Timestamp | null;
  due_at: Timestamp | null;
  forwarded_at: Timestamp | null;
  forwarded_by: string | null;
  forward_note: string | null;
  signed_at: Timestamp | null;
  signed_by: string | null;
  skipped: boolean;
  applicable: boolean;
  /** The level filed the report itself (migration 0018): it has nothing to 签收. */
  originated: Generated<boolean>;
}

export interface ReportCountersTable {
  region_code: string;
  day: string;
  seq: number;
}

export interface DeadlineAlertsTable {
  region_code: string;
  accident_id: string;
  deadline: string;
  due_at: Timestamp;
  stage: 'soon' | 'passed';
  sent_at: Timestamp;
}

/** The clock engine's jobs (migration 0014, src/server/clock/). */
export interface ClockJobsTable {
  region_code: string;
  name: string;
  key: string;
  due_at: Timestamp;
  payload: ColumnType<unknown, string | undefined, string>;
  status: Generated<'pending' | 'running' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_run_at: Timestamp | null;
  created_at: Generated<Timestamp>;
}

export interface DutyShiftsTable {
  id: string;
  region_code: string;
  org_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  leader_name: string | null;
  officer_ids: string[];
  officer_names: string[];
  phone: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface DutyHandoversTable {
  id: string;
  region_code: string;
  org_id: string;
  shift_id: string | null;
  handed_by: string;
  handed_by_name: string;
  received_by_name: string | null;
  notes: string;
  pending_items: string | null;
  created_at: Timestamp;
}

export interface DutyLogTable {
  id: string;
  region_code: string;
  org_id: string;
  channel: string;
  received_at: Timestamp;
  caller_name: string | null;
  caller_phone: string | null;
  caller_unit: string | null;
  content: string;
  accident_region_code: string | null;
  accident_id: string | null;
  logged_by: string;
  logged_by_name: string;
  created_at: Timestamp;
}

/** 控制指标 (0007_indicators.sql). numeric comes back as a string from pg; the repo casts it to float8. */
export interface ControlIndicatorsTable {
  year: number;
  region_code: string;
  death_cap: number;
  accident_cap: number;
  larger_accident_cap: number;
  death_reduction_pct: number | null;
  accident_reduction_pct: number | null;
  note: string | null;
  set_by: string;
  set_at: Timestamp;
  version: Generated<number>;
}

/** 历史数据导入 (0010_import.sql): one row per import request, its progress and, when finished, its per-row results. */
export interface AccidentImportsTable {
  id: string;
  region_code: string;
  created_by: string;
  idempotency_key: string | null;
  request_hash: string;
  file_name: string;
  file_sha256: string;
  format: 'xlsx' | 'csv' | 'json';
  dry_run: boolean;
  status: 'running' | 'done' | 'failed';
  total: number;
  processed: Generated<number>;
  created: Generated<number>;
  duplicates: Generated<number>;
  invalid: Generated<number>;
  ignored_columns: Generated<string[]>;
  results: Json | null;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

/** 核销 requests (0008_writeoff.sql). */
export interface WriteoffRequestsTable {
  id: string;
  region_code: string;
  accident_id: string;
  reason_code: string;
  reason: string;
  evidence: string;
  grade: string;
  approver_level: string;
  approver_region_code: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  requested_by: string;
  requested_by_name: string;
  requested_by_org_id: string;
  requested_by_org: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_by_org: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

/** 事故情况通报 (0009_bulletins.sql): immutable once written (a trigger refuses UPDATE and DELETE). */
export interface BulletinsTable {
  id: string;
  region_code: string;
  kind: 'weekly' | 'monthly' | 'quarterly' | 'range';
  period_from: Timestamp;
  period_to: Timestamp;
  previous_from: Timestamp;
  previous_to: Timestamp;
  title: string;
  issuing_organ: string;
  recipients: string;
  body: Json;
  body_text: string;
  created_by: string;
  created_by_name: string;
  created_org_id: string;
  created_at: Timestamp;
}

/** 企业 (0011_enterprises.sql). */
export interface EnterprisesTable {
  id: string;
  region_code: string;
  credit_code: string;
  name: string;
  address: string;
  longitude: ColumnType<string | null, number | string | null, number | string | null>;
  latitude: ColumnType<string | null, number | string | null, number | string | null>;
  industry_code: string;
  sectors: string[];
  scale: string | null;
  legal_representative: string | null;
  principal_name: string | null;
  principal_phone: string | null;
  safety_manager_name: string | null;
  safety_manager_phone: string | null;
  employees: number | null;
  status: string;
  major_hazard_count: Generated<number>;
  top_hazard_grade: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** 许可证 (0011_enterprises.sql). Dates are 'YYYY-MM-DD' (read them as text). */
export interface LicencesTable {
  id: string;
  region_code: string;
  enterprise_id: string;
  type: string;
  number: string;
  scope: string | null;
  issuer: string;
  valid_from: ColumnType<string, string, string>;
  valid_to: ColumnType<string, string, string>;
  status: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** 生产单元 / 储存单元 with their latest evaluation (0011_enterprises.sql). */
export interface HazardUnitsTable {
  id: string;
  region_code: string;
  enterprise_id: string;
  kind: string;
  name: string;
  substances: Json;
  exposed_people: number;
  items: Json;
  s: ColumnType<string, number | string, number | string>;
  r: ColumnType<string, number | string, number | string>;
  alpha: ColumnType<string, number | string, number | string>;
  is_major: boolean;
  grade: number | null;
  principal_name: string | null;
  principal_phone: string | null;
  technical_name: string | null;
  technical_phone: string | null;
  operation_name: string | null;
  operation_phone: string | null;
  filing_status: Generated<string>;
  filing_no: string | null;
  filed_at: ColumnType<string | null, string | null, string | null>;
  retired_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HazardUnitEvaluationsTable {
  region_code: string;
  unit_id: string;
  seq: number;
  at: Timestamp;
  by_user: string;
  by_name: string;
  substances: Json;
  exposed_people: number;
  items: Json;
  s: ColumnType<string, number | string, never>;
  r: ColumnType<string, number | string, never>;
  alpha: ColumnType<string, number | string, never>;
  is_major: boolean;
  grade: number | null;
}

export interface HazardCensusesTable {
  id: string;
  region_code: string;
  region_prefix: string;
  name: string;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  sectors: string[];
  created_by: string;
  created_at: Timestamp;
}

export interface HazardCensusReturnsTable {
  region_code: string;
  census_id: string;
  enterprise_id: string;
  units: number;
  major_units: number;
  submitted_by: string;
  submitted_at: Timestamp;
}

export interface HolidaySchedulesTable {
  region_code: Generated<string>;
  year: number;
  revision: number;
  source: string;
  periods: unknown;
  loaded_by: string;
  loaded_at: Timestamp;
}

type LocalDateColumn = ColumnType<string, string, string>;

export interface HiddenDangersTable {
  id: string;
  region_code: string;
  enterprise_id: string;
  level: string;
  source: string;
  description: string;
  location: string | null;
  standard_item: string | null;
  found_on: LocalDateColumn;
  rectification: string;
  measures: string | null;
  deadline: LocalDateColumn | null;
  immediate_measures: string[];
  plan: Json | null;
  plan_filed_at: Timestamp | null;
  completed_on: LocalDateColumn | null;
  completion_note: string | null;
  recheck_due_on: LocalDateColumn | null;
  rechecked_on: LocalDateColumn | null;
  recheck_passed: boolean | null;
  closed_at: Timestamp | null;
  closed_on: LocalDateColumn | null;
  supervised: boolean;
  /** The inspection that found it (migration 0023). */
  inspection_id: ColumnType<string | null, string | null | undefined, string | null>;
  reported_by: string;
  reported_by_name: string;
  reported_by_org: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A danger's history (migration 0021): append-only. */
export interface HiddenDangerEventsTable {
  region_code: string;
  danger_id: string;
  seq: number;
  kind: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  actor_org: string;
  note: string | null;
  data: Json;
}

export interface HiddenDangerExtensionsTable {
  id: string;
  region_code: string;
  danger_id: string;
  requested_on: LocalDateColumn;
  old_deadline: LocalDateColumn;
  new_deadline: LocalDateColumn;
  reason: string;
  answer_due_on: LocalDateColumn;
  status: Generated<string>;
  requested_by: string;
  requested_by_name: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Timestamp | null;
  decided_on: LocalDateColumn | null;
  decision_note: string | null;
}

export interface DocumentCountersTable {
  region_code: string;
  kind: string;
  year: number;
  seq: number;
}

/** 执法文书 issued, with their numbers (migration 0022): append-only. */
export interface IssuedDocumentsTable {
  id: string;
  region_code: string;
  kind: string;
  year: number;
  seq: number;
  number: string;
  subject_type: string;
  subject_id: string;
  subject_region_code: string;
  issued_at: Timestamp;
  issued_by: string;
  issued_by_name: string;
  issuer_org: string;
}

/** 分类分级 rule tables of a province or the country (migration 0024): revisions, append-only. */
export interface SupervisionClassRulesTable {
  region_code: string;
  revision: number;
  class_table: Json;
  note: string | null;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
}

/** 双随机 draws (migration 0024): seed, inputs and result, append-only. */
export interface SupervisionDrawsTable {
  id: string;
  region_code: string;
  bureau_name: string;
  subject: string;
  plan_id: string | null;
  planned_on: LocalDateColumn | null;
  algorithm: string;
  seed: string;
  inputs: Json;
  result: Json;
  result_hash: string;
  drawn_on: LocalDateColumn;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
}

export interface SupervisionDrawPublicationsTable {
  region_code: string;
  draw_id: string;
  published_on: LocalDateColumn;
  published_at: Timestamp;
  published_by: string;
  published_by_name: string;
}

/** 年度监督检查计划 (migration 0024): one per bureau and year, append-only. */
export interface SupervisionPlansTable {
  id: string;
  region_code: string;
  year: number;
  bureau_name: string;
  rules_region_code: string;
  rules_revision: number;
  first_month: number;
  team_size: number;
  seed: string;
  random_draw_id: string | null;
  item_count: number;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
}

export interface SupervisionPlanItemsTable {
  id: string;
  region_code: string;
  plan_id: string;
  enterprise_id: string;
  enterprise_region_code: string;
  enterprise_name: string;
  class: string;
  reasons: Json;
  source: string;
  month: number;
  team: Json;
  conflict_waived: boolean;
}

export interface SelfInspectionsTable {
  id: string;
  region_code: string;
  enterprise_id: string;
  inspected_on: LocalDateColumn;
  template_code: string | null;
  inspector_name: string;
  items: Json;
  item_count: number;
  nonconforming: number;
  findings: string;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: Timestamp;
}

export interface Database {
  regions: RegionsTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  login_throttle: LoginThrottleTable;
  holiday_schedules: HolidaySchedulesTable;
  sessions: SessionsTable;
  audit_heads: AuditHeadsTable;
  audit_log: AuditLogTable;
  audit_seals: AuditSealsTable;
  idempotency_keys: IdempotencyKeysTable;
  accidents: AccidentsTable;
  accident_revisions: AccidentRevisionsTable;
  accident_chain: AccidentChainTable;
  report_counters: ReportCountersTable;
  deadline_alerts: DeadlineAlertsTable;
  clock_jobs: ClockJobsTable;
  duty_shifts: DutyShiftsTable;
  duty_handovers: DutyHandoversTable;
  duty_log: DutyLogTable;
  accident_imports: AccidentImportsTable;
  control_indicators: ControlIndicatorsTable;
  bulletins: BulletinsTable;
  writeoff_requests: WriteoffRequestsTable;
  enterprises: EnterprisesTable;
  licences: LicencesTable;
  hazard_units: HazardUnitsTable;
  hazard_unit_evaluations: HazardUnitEvaluationsTable;
  hazard_censuses: HazardCensusesTable;
  hazard_census_returns: HazardCensusReturnsTable;
  hidden_dangers: HiddenDangersTable;
  hidden_danger_events: HiddenDangerEventsTable;
  hidden_danger_extensions: HiddenDangerExtensionsTable;
  document_counters: DocumentCountersTable;
  issued_documents: IssuedDocumentsTable;
  checklist_items: ChecklistItemsTable;
  stored_files: StoredFilesTable;
  evidence: EvidenceTable;
  inspections: InspectionsTable;
  self_inspections: SelfInspectionsTable;
  supervision_class_rules: SupervisionClassRulesTable;
  supervision_draws: SupervisionDrawsTable;
  supervision_draw_publications: SupervisionDrawPublicationsTable;
  supervision_plans: SupervisionPlansTable;
  supervision_plan_items: SupervisionPlanItemsTable;
  penalty_cases: PenaltyCasesTable;
  penalty_case_events: PenaltyCaseEventsTable;
  discretion_tables: DiscretionTablesTable;
  penalty_settings: PenaltySettingsTable;
  case_stats_daily: CaseStatsDailyTable;
  emergency_plans: EmergencyPlansTable;
  emergency_plan_revisions: EmergencyPlanRevisionsTable;
  plan_filings: PlanFilingsTable;
  plan_filing_decisions: PlanFilingDecisionsTable;
  plan_drills: PlanDrillsTable;
  plan_evaluations: PlanEvaluationsTable;
  plan_attachments: PlanAttachmentsTable;
  incidents: IncidentsTable;
  incident_levels: IncidentLevelsTable;
  incident_log: IncidentLogTable;
  incident_tasks: IncidentTasksTable;
  incident_task_events: IncidentTaskEventsTable;
  incident_invitations: IncidentInvitationsTable;
  incident_views: IncidentViewsTable;
}

/** 行政处罚案件 (migration 0029): the case's current state; its history is penalty_case_events. */
export interface PenaltyCasesTable {
  id: string;
  region_code: string;
  procedure: string;
  source: string;
  source_id: string | null;
  cause: string;
  summary: string;
  status: string;
  party: Json;
  party_kind: string;
  party_name: string;
  party_credit_code: string | null;
  enterprise_id: string | null;
  violations: Json;
  discretion_version: string;
  officers: Json;
  opened_on: LocalDateColumn | null;
  decision_extension: Generated<string>;
  proposed_fine_yuan: number | null;
  proposed_kinds: Generated<string[]>;
  band_min_yuan: number | null;
  band_max_yuan: number | null;
  outside_band_reason: string | null;
  legal_review_required: Generated<boolean>;
  legal_review: Json | null;
  hearing_right: Generated<boolean>;
  notice_served_on: LocalDateColumn | null;
  hearing_requested_on: LocalDateColumn | null;
  hearing_on: LocalDateColumn | null;
  hearing_held_on: LocalDateColumn | null;
  fine_yuan: number | null;
  kinds: Generated<string[]>;
  decided_on: LocalDateColumn | null;
  served_on: LocalDateColumn | null;
  service_method: string | null;
  paid_on: LocalDateColumn | null;
  paid_fen: number | null;
  filing_required: Generated<boolean>;
  filed_on: LocalDateColumn | null;
  reminder_served_on: LocalDateColumn | null;
  court_applied_on: LocalDateColumn | null;
  court: string | null;
  police_transferred_on: LocalDateColumn | null;
  correction_deadline: LocalDateColumn | null;
  correction_verified_on: LocalDateColumn | null;
  appeals: ColumnType<unknown, string | undefined, string>;
  outcome: string | null;
  outcome_reason: string | null;
  closed_on: LocalDateColumn | null;
  archived_on: LocalDateColumn | null;
  file_number: string | null;
  next_due_on: LocalDateColumn | null;
  clock_gap: Generated<boolean>;
  published_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  withdraw_reason: string | null;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A case's history (migration 0029): append-only. */
export interface PenaltyCaseEventsTable {
  region_code: string;
  case_id: string;
  seq: number;
  kind: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  actor_org: string;
  note: string | null;
  data: Json;
}

/** A province's 自由裁量基准, versioned (migration 0029): append-only. */
export interface DiscretionTablesTable {
  region_code: string;
  version: number;
  title: string;
  effective_from: LocalDateColumn;
  entries: Json;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
}

/** A province's settings for penalties (average wage per year, hearing thresholds), revisions (migration 0029). */
export interface PenaltySettingsTable {
  region_code: string;
  key: string;
  revision: number;
  value: Json;
  set_by: string;
  set_by_name: string;
  set_at: Timestamp;
}

/** 检查事项 imported by a province (migration 0023): revisions, append-only. */
export interface ChecklistItemsTable {
  code: string;
  revision: number;
  region_code: string;
  sector: string;
  item_group: string;
  requirement: string;
  basis_law: string;
  basis_article: string;
  basis_text: string;
  created_by: string;
  created_at: Timestamp;
}

/** Content-addressed files (migration 0023): never overwritten. */
export interface StoredFilesTable {
  sha256: string;
  content_type: string;
  size: number;
  data: ColumnType<Uint8Array, Buffer, never>;
  created_at: Timestamp;
}

export interface EvidenceTable {
  id: string;
  region_code: string;
  enterprise_id: string;
  sha256: string;
  kind: string;
  content_type: string;
  size: number;
  file_name: string;
  captured_at: Timestamp;
  latitude: number | null;
  longitude: number | null;
  accuracy_m: number | null;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: Timestamp;
  inspection_id: string | null;
}

/** 现场检查 (migration 0023): recorded once, complete; append-only. */
export interface InspectionsTable {
  id: string;
  region_code: string;
  enterprise_id: string;
  bureau_region_code: string;
  bureau_name: string;
  kind: string;
  plan_item_id: string | null;
  started_at: Timestamp;
  finished_at: Timestamp;
  inspected_on: LocalDateColumn;
  place: string;
  team: Json;
  items: Json;
  item_count: number;
  nonconforming: number;
  findings: string;
  representative_name: string;
  signature: string;
  signature_image: string | null;
  refusal_witness: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: Timestamp;
}

/** 执法统计 by county and day (migration 0029), kept with each change of a case. */
export interface CaseStatsDailyTable {
  region_code: string;
  day: LocalDateColumn;
  opened: Generated<number>;
  closed: Generated<number>;
  decided: Generated<number>;
  warning: Generated<number>;
  fine: Generated<number>;
  confiscation: Generated<number>;
  suspension: Generated<number>;
  licence: Generated<number>;
  closure: Generated<number>;
  fined_yuan: Generated<number>;
  collected_fen: Generated<number>;
  hearings: Generated<number>;
  reviews: Generated<number>;
  reviews_changed: Generated<number>;
  litigations: Generated<number>;
  litigations_changed: Generated<number>;
  court: Generated<number>;
  police: Generated<number>;
  daily: Generated<number>;
  no_penalty: Generated<number>;
}

/** 应急处置 (migration 0032): an incident of one accident; its history is in the append-only tables below. */
export interface IncidentsTable {
  id: string;
  region_code: string;
  accident_id: string;
  level: string;
  lead_region_code: string;
  lead_org_name: string;
  status: string;
  auto_opened: boolean;
  lng: number | null;
  lat: number | null;
  location_source: string;
  reported_at: Timestamp;
  opened_at: Timestamp;
  opened_by: string | null;
  opened_by_name: string;
  first_dispatch_at: Timestamp | null;
  first_on_site_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  closed_by_name: string | null;
  close_summary: string | null;
  report_document_id: string | null;
  log_count: Generated<number>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface IncidentLevelsTable {
  region_code: string;
  incident_id: string;
  seq: number;
  level: string;
  lead_region_code: string;
  lead_org_name: string;
  reason: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
}

export interface IncidentLogTable {
  region_code: string;
  incident_id: string;
  seq: number;
  kind: string;
  at: Timestamp;
  author_id: string | null;
  author_name: string;
  author_org: string;
  author_level: string;
  text: string;
  data: Json;
}

export interface IncidentTasksTable {
  id: string;
  region_code: string;
  incident_id: string;
  resource_id: string;
  resource_kind: string;
  resource_name: string;
  resource_region_code: string;
  distance_km: number | null;
  assignment: string;
  state: string;
  dispatched_at: Timestamp;
  en_route_at: Timestamp | null;
  on_site_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  dispatched_by: string | null;
  dispatched_by_name: string;
  event_count: Generated<number>;
  updated_at: Timestamp;
}

export interface IncidentTaskEventsTable {
  region_code: string;
  task_id: string;
  seq: number;
  state: string;
  at: Timestamp;
  recorded_at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  note: string | null;
}

export interface IncidentInvitationsTable {
  id: string;
  region_code: string;
  incident_id: string;
  user_id: string;
  department: string;
  department_name: string;
  access: string;
  invited_at: Timestamp;
  invited_by: string | null;
  invited_by_name: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoked_by_name: string | null;
}

export interface IncidentViewsTable {
  region_code: string;
  incident_id: string;
  id: string;
  user_id: string;
  user_name: string;
  department_name: string;
  what: string;
  at: Timestamp;
}

/** 应急预案 (migration 0030): the plan's current state and clocks; its versions are emergency_plan_revisions. */
export interface EmergencyPlansTable {
  id: string;
  region_code: string;
  owner_kind: string;
  enterprise_id: string | null;
  owner_name: string;
  credit_code: string | null;
  kind: string;
  title: string;
  revision: Generated<number>;
  published_on: LocalDateColumn;
  first_published_on: LocalDateColumn;
  filing_required: boolean;
  review_required: boolean;
  high_risk: boolean;
  evaluation_required: boolean;
  filing_revision: number | null;
  filing_status: string;
  filing_due_on: LocalDateColumn | null;
  filing_open: Generated<boolean>;
  check_due_on: LocalDateColumn | null;
  drill_due_on: LocalDateColumn | null;
  drill_nominal_on: LocalDateColumn | null;
  last_drilled_on: LocalDateColumn | null;
  evaluation_due_on: LocalDateColumn | null;
  evaluation_nominal_on: LocalDateColumn | null;
  last_evaluated_on: LocalDateColumn | null;
  clock_gap: Generated<boolean>;
  created_by: string;
  created_by_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** Every version of a plan (migration 0030), append-only. */
export interface EmergencyPlanRevisionsTable {
  region_code: string;
  plan_id: string;
  revision: number;
  kind: string;
  title: string;
  risks: string[];
  published_on: LocalDateColumn;
  signer: string;
  review_kind: string;
  reviewed_on: LocalDateColumn | null;
  review_summary: string | null;
  trigger: string | null;
  trigger_note: string | null;
  changes: Generated<string[]>;
  requires_filing: boolean;
  source_drill_id: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: Timestamp;
}

/** A submission for 备案 (migration 0030); its answer is plan_filing_decisions. */
export interface PlanFilingsTable {
  id: string;
  region_code: string;
  plan_id: string;
  revision: number;
  received_on: LocalDateColumn;
  check_due_on: LocalDateColumn;
  /** The bureau filed with (分级属地, migration 0035): only it answers. */
  bureau_region_code: string;
  materials: string[];
  note: string | null;
  status: string;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: Timestamp;
}

/** The one answer to a filing (migration 0030), append-only; decided_by null: deemed filed by the clock. */
export interface PlanFilingDecisionsTable {
  region_code: string;
  filing_id: string;
  outcome: string;
  missing: Generated<string[]>;
  note: string | null;
  number: string | null;
  document_id: string | null;
  decided_on: LocalDateColumn;
  decided_at: Timestamp;
  decided_by: string | null;
  decided_by_name: string;
  decided_org: string;
}

/** 演练 with its 演练评估报告 (migration 0030), append-only. */
export interface PlanDrillsTable {
  id: string;
  region_code: string;
  plan_id: string;
  plan_kind: string;
  drilled_on: LocalDateColumn;
  form: string;
  participants: number;
  participant_units: string | null;
  scenario: string;
  evaluated_on: LocalDateColumn | null;
  evaluation_summary: string | null;
  problems: Json;
  reported_on: LocalDateColumn | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: Timestamp;
}

/** 应急预案评估 (migration 0030), append-only. */
export interface PlanEvaluationsTable {
  id: string;
  region_code: string;
  plan_id: string;
  revision: number;
  evaluated_on: LocalDateColumn;
  conclusion: string;
  revision_needed: boolean;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: Timestamp;
}

/** A plan's files (migration 0030), content-addressed in stored_files. */
export interface PlanAttachmentsTable {
  id: string;
  region_code: string;
  plan_id: string;
  revision: number;
  kind: string;
  sha256: string;
  file_name: string;
  content_type: string;
  size: number;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: Timestamp;
}
