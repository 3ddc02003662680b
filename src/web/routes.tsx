/**
 * The one route table: it is the router, the side menu and the role → page map at once.
 * Permissions come from the server's policy table, so the menu never offers what the API would refuse.
 */
import {
  AimOutlined,
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  CalculatorOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  ExceptionOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FundProjectionScreenOutlined,
  ImportOutlined,
  MedicineBoxOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SolutionOutlined,
  StopOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { type ComponentType, isValidElement, lazy, type ReactNode } from 'react';
import { matchPath } from 'react-router';
import { can, type Permission } from '../contracts/policies.js';
import type { Me } from './api/types.js';
import { type Feature, loadFeatureLocales } from './i18n.js';

/**
 * Every page is its own chunk, fetched when it is first opened, so the first screen carries only what it shows
 * (county and town offices sit behind links of a few Mbit/s). The layout shows a spinner meanwhile.
 */
function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
  features: readonly Feature[] = [],
) {
  let loading: Promise<Record<K, ComponentType>> | undefined;
  // The page's module and its feature strings, fetched side by side.
  const preload = () => {
    loading ??= Promise.all([load(), loadFeatureLocales(features)]).then(([m]) => m);
    return loading;
  };
  return Object.assign(
    lazy(() => preload().then((m) => ({ default: m[name] }))),
    { preload },
  );
}

/** The registry's pages share the enterprise and the hazard strings (a card shows licences and hazard units). */
const REGISTRY: readonly Feature[] = ['enterprises', 'hazards', 'supervision'];

const AccidentDetailPage = lazyPage(() => import('./pages/accidents/AccidentDetailPage.js'), 'AccidentDetailPage');
const AccidentFormPage = lazyPage(() => import('./pages/accidents/AccidentFormPage.js'), 'AccidentFormPage');
const AccidentListPage = lazyPage(() => import('./pages/accidents/AccidentListPage.js'), 'AccidentListPage');
const AssessmentPage = lazyPage(() => import('./pages/assessment/AssessmentPage.js'), 'AssessmentPage', ['assessment']);
const AuditPage = lazyPage(() => import('./pages/audit/AuditPage.js'), 'AuditPage');
const DangerListPage = lazyPage(() => import('./pages/dangers/DangerListPage.js'), 'DangerListPage', ['dangers']);
const DangerStatsPage = lazyPage(() => import('./pages/dangers/DangerStatsPage.js'), 'DangerStatsPage', ['dangers']);
const InspectionListPage = lazyPage(() => import('./pages/inspections/InspectionListPage.js'), 'InspectionListPage', [
  'inspections',
]);
const InspectionFormPage = lazyPage(() => import('./pages/inspections/InspectionFormPage.js'), 'InspectionFormPage', [
  'inspections',
]);
const NewInspectionPage = lazyPage(() => import('./pages/inspections/InspectionFormPage.js'), 'NewInspectionPage', [
  'inspections',
]);
const InspectionDetailPage = lazyPage(
  () => import('./pages/inspections/InspectionDetailPage.js'),
  'InspectionDetailPage',
  ['inspections'],
);
const SelfInspectionListPage = lazyPage(
  () => import('./pages/self-inspections/SelfInspectionListPage.js'),
  'SelfInspectionListPage',
  ['selfInspections'],
);
const SelfInspectionFormPage = lazyPage(
  () => import('./pages/self-inspections/SelfInspectionFormPage.js'),
  'SelfInspectionFormPage',
  ['selfInspections'],
);
const SelfInspectionDetailPage = lazyPage(
  () => import('./pages/self-inspections/SelfInspectionDetailPage.js'),
  'SelfInspectionDetailPage',
  ['selfInspections'],
);
const CaseListPage = lazyPage(() => import('./pages/cases/CaseListPage.js'), 'CaseListPage', ['cases']);
const CaseDetailPage = lazyPage(() => import('./pages/cases/CaseDetailPage.js'), 'CaseDetailPage', ['cases']);
const CaseStatsPage = lazyPage(() => import('./pages/cases/CaseStatsPage.js'), 'CaseStatsPage', ['cases']);
const EmergencyPlanListPage = lazyPage(
  () => import('./pages/emergency-plans/PlanListPage.js'),
  'EmergencyPlanListPage',
  ['emergencyPlans'],
);
const EmergencyPlanDetailPage = lazyPage(
  () => import('./pages/emergency-plans/PlanDetailPage.js'),
  'EmergencyPlanDetailPage',
  ['emergencyPlans'],
);
const EmergencyPlanStatsPage = lazyPage(
  () => import('./pages/emergency-plans/PlanStatsPage.js'),
  'EmergencyPlanStatsPage',
  ['emergencyPlans'],
);
const RescueResourcesPage = lazyPage(
  () => import('./pages/rescue-resources/RescueResourcesPage.js'),
  'RescueResourcesPage',
  ['rescue'],
);
const RescueNearestPage = lazyPage(() => import('./pages/rescue-resources/NearestPage.js'), 'NearestPage', ['rescue']);
const RescueAgreementsPage = lazyPage(() => import('./pages/rescue-resources/AgreementsPage.js'), 'AgreementsPage', [
  'rescue',
]);
const RescueUncoveredPage = lazyPage(() => import('./pages/rescue-resources/UncoveredPage.js'), 'UncoveredPage', [
  'rescue',
]);
const RescueStatsPage = lazyPage(() => import('./pages/rescue-resources/ResourceStatsPage.js'), 'ResourceStatsPage', [
  'rescue',
]);
const DangerDetailPage = lazyPage(() => import('./pages/dangers/DangerDetailPage.js'), 'DangerDetailPage', ['dangers']);
const BulletinsPage = lazyPage(() => import('./pages/bulletins/BulletinsPage.js'), 'BulletinsPage', ['bulletins']);
const BulletinPrintPage = lazyPage(() => import('./pages/bulletins/BulletinPrintPage.js'), 'BulletinPrintPage', [
  'bulletins',
]);
// The cockpit shows the control indicators and the plans' progress with their features' strings.
const CockpitPage = lazyPage(() => import('./pages/cockpit/CockpitPage.js'), 'CockpitPage', [
  'cockpit',
  'indicators',
  'supervision',
]);
const DashboardPage = lazyPage(() => import('./pages/dashboard/DashboardPage.js'), 'DashboardPage');
const DutyPage = lazyPage(() => import('./pages/duty/DutyPage.js'), 'DutyPage');
const EnterpriseCardPage = lazyPage(
  () => import('./pages/enterprises/EnterpriseCardPage.js'),
  'EnterpriseCardPage',
  REGISTRY,
);
const EnterpriseListPage = lazyPage(
  () => import('./pages/enterprises/EnterpriseListPage.js'),
  'EnterpriseListPage',
  REGISTRY,
);
const LicenceAlertsPage = lazyPage(
  () => import('./pages/enterprises/LicenceAlertsPage.js'),
  'LicenceAlertsPage',
  REGISTRY,
);
const OwnEnterprisePage = lazyPage(
  () => import('./pages/enterprises/OwnEnterprisePage.js'),
  'OwnEnterprisePage',
  REGISTRY,
);
const RegistryImportPage = lazyPage(
  () => import('./pages/enterprises/RegistryImportPage.js'),
  'RegistryImportPage',
  REGISTRY,
);
const UnlicensedPage = lazyPage(() => import('./pages/enterprises/UnlicensedPage.js'), 'UnlicensedPage', REGISTRY);
const CensusPage = lazyPage(() => import('./pages/hazards/CensusPage.js'), 'CensusPage', REGISTRY);
const EvaluatePage = lazyPage(() => import('./pages/hazards/EvaluatePage.js'), 'EvaluatePage', REGISTRY);
const HazardListPage = lazyPage(() => import('./pages/hazards/HazardListPage.js'), 'HazardListPage', REGISTRY);
const ImportPage = lazyPage(() => import('./pages/imports/ImportPage.js'), 'ImportPage');
const IndicatorsPage = lazyPage(() => import('./pages/indicators/IndicatorsPage.js'), 'IndicatorsPage', ['indicators']);
const StatsReportPage = lazyPage(() => import('./pages/reports/StatsReportPage.js'), 'StatsReportPage');
const PlanListPage = lazyPage(() => import('./pages/supervision/PlanListPage.js'), 'PlanListPage', ['supervision']);
const PlanDetailPage = lazyPage(() => import('./pages/supervision/PlanDetailPage.js'), 'PlanDetailPage', [
  'supervision',
]);
const DrawPage = lazyPage(() => import('./pages/supervision/DrawPage.js'), 'DrawPage', ['supervision']);
/** 双随机抽查结果公示: outside the signed-in layout, no sign-in (main.tsx routes it beside /login). */
export const PublicDrawsPage = lazyPage(() => import('./pages/supervision/PublicDrawsPage.js'), 'PublicDrawsPage', [
  'supervision',
]);
const UsersPage = lazyPage(() => import('./pages/users/UsersPage.js'), 'UsersPage', ['users']);
const WriteoffPage = lazyPage(() => import('./pages/writeoff/WriteoffPage.js'), 'WriteoffPage');
const IncidentListPage = lazyPage(() => import('./pages/incidents/IncidentListPage.js'), 'IncidentListPage', [
  'incidents',
]);
const IncidentPage = lazyPage(() => import('./pages/incidents/IncidentPage.js'), 'IncidentPage', ['incidents']);
const IncidentWallPage = lazyPage(() => import('./pages/incidents/IncidentWallPage.js'), 'IncidentWallPage', [
  'incidents',
]);
const IncidentStatsPage = lazyPage(() => import('./pages/incidents/IncidentStatsPage.js'), 'IncidentStatsPage', [
  'incidents',
]);

export interface AppRoute {
  /** Path under the signed-in layout. */
  path: string;
  element: ReactNode;
  permission: Permission;
  /** Present when the page is in the side menu: i18n key of its label and its icon. */
  menu?: { labelKey: string; icon: ReactNode };
  /** Bureau staff only (enterprise users have no duty room). */
  bureauOnly?: boolean;
  /** Enterprise users only (本单位档案: a bureau has no record of its own). */
  enterpriseOnly?: boolean;
  /**
   * A page outside the menu: the menu entries it belongs to, the first the user has is highlighted (the enterprise
   * card: 企业档案 for a bureau, 本单位档案 for the enterprise). Without it, the longest entry its path starts with.
   */
  menuKeys?: string[];
}

export const APP_ROUTES: AppRoute[] = [
  {
    path: '/',
    element: <DashboardPage />,
    permission: 'accident.read',
    menu: { labelKey: 'menu.dashboard', icon: <DashboardOutlined /> },
  },
  {
    // 领导驾驶舱: statistics of the jurisdiction, for every bureau role that reads statistics.
    path: '/cockpit',
    element: <CockpitPage />,
    permission: 'stats.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.cockpit', icon: <FundProjectionScreenOutlined /> },
  },
  {
    path: '/accidents',
    element: <AccidentListPage />,
    permission: 'accident.read',
    menu: { labelKey: 'menu.accidents', icon: <AlertOutlined /> },
  },
  {
    path: '/accidents/new',
    element: <AccidentFormPage />,
    permission: 'accident.create',
    menu: { labelKey: 'menu.newAccident', icon: <FileAddOutlined /> },
  },
  { path: '/accidents/:id', element: <AccidentDetailPage />, permission: 'accident.read' },
  {
    path: '/duty',
    element: <DutyPage />,
    permission: 'duty.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.duty', icon: <PhoneOutlined /> },
  },
  {
    // 企业档案: the bureau's list of its jurisdiction's enterprises; an enterprise user has 本单位档案 instead.
    path: '/enterprises',
    element: <EnterpriseListPage />,
    permission: 'enterprise.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.enterprises', icon: <BankOutlined /> },
  },
  {
    // 本单位档案: straight to the enterprise user's own card (before /enterprises/:id, which it would match).
    path: '/enterprises/mine',
    element: <OwnEnterprisePage />,
    permission: 'enterprise.read',
    enterpriseOnly: true,
    menu: { labelKey: 'menu.ownEnterprise', icon: <ShopOutlined /> },
  },
  {
    // 重大危险源: the map, the count by region and grade, the register; every signed-in user in its jurisdiction.
    path: '/hazards',
    element: <HazardListPage />,
    permission: 'hazard.read',
    menu: { labelKey: 'menu.hazards', icon: <WarningOutlined /> },
  },
  {
    // 重大危险源辨识工具 (GB 18218-2018): nothing is saved.
    path: '/hazards/evaluate',
    element: <EvaluatePage />,
    permission: 'hazard.read',
    menu: { labelKey: 'menu.hazardEvaluate', icon: <CalculatorOutlined /> },
  },
  {
    // 企业批量导入: from the 企业档案 list's 批量导入 (the administrator and inspectors).
    path: '/enterprises/import',
    element: <RegistryImportPage />,
    permission: 'enterprise.import',
    bureauOnly: true,
    menuKeys: ['/enterprises'],
  },
  {
    // 无证经营: operating enterprises of a licensed sector without a valid licence of it.
    path: '/enterprises/unlicensed',
    element: <UnlicensedPage />,
    permission: 'enterprise.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.unlicensed', icon: <StopOutlined /> },
  },
  {
    // 许可证到期提醒: the whole list behind the 工作台 card (an enterprise user has its licences on its card).
    path: '/licences/alerts',
    element: <LicenceAlertsPage />,
    permission: 'enterprise.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.licenceAlerts', icon: <ClockCircleOutlined /> },
  },
  {
    // 危险源普查: campaigns and their progress by region; census.write starts one (checked on the page).
    path: '/hazards/censuses',
    element: <CensusPage />,
    permission: 'hazard.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.censuses', icon: <ScheduleOutlined /> },
  },
  // After every /enterprises/… page above, which it would match (AppLayout takes the first match).
  {
    path: '/enterprises/:id',
    element: <EnterpriseCardPage />,
    permission: 'enterprise.read',
    menuKeys: ['/enterprises', '/enterprises/mine'],
  },
  {
    // 隐患排查治理: bureaus read their jurisdiction's register, an enterprise its own dangers.
    path: '/hidden-dangers',
    element: <DangerListPage />,
    permission: 'danger.read',
    menu: { labelKey: 'menu.dangers', icon: <WarningOutlined /> },
  },
  { path: '/hidden-dangers/stats', element: <DangerStatsPage />, permission: 'stats.read', bureauOnly: true },
  { path: '/hidden-dangers/:id', element: <DangerDetailPage />, permission: 'danger.read' },
  {
    // 行政处罚: bureaus handle the cases of their jurisdiction; an enterprise reads those whose party it is.
    path: '/cases',
    element: <CaseListPage />,
    permission: 'case.read',
    menu: { labelKey: 'menu.cases', icon: <ExceptionOutlined /> },
  },
  {
    path: '/cases/stats',
    element: <CaseStatsPage />,
    permission: 'case.stats',
    bureauOnly: true,
    menuKeys: ['/cases'],
  },
  { path: '/cases/:id', element: <CaseDetailPage />, permission: 'case.read', menuKeys: ['/cases'] },
  {
    // 应急预案与备案: bureaus read their jurisdiction's plans and overdue lists; an enterprise files its own.
    path: '/emergency-plans',
    element: <EmergencyPlanListPage />,
    permission: 'emergency_plan.read',
    menu: { labelKey: 'menu.emergencyPlans', icon: <SolutionOutlined /> },
  },
  {
    path: '/emergency-plans/stats',
    element: <EmergencyPlanStatsPage />,
    permission: 'emergency_plan.stats',
    bureauOnly: true,
    menuKeys: ['/emergency-plans'],
  },
  {
    path: '/emergency-plans/:id',
    element: <EmergencyPlanDetailPage />,
    permission: 'emergency_plan.read',
    menuKeys: ['/emergency-plans'],
  },
  {
    // 应急资源: bureaus read and (admin, duty) maintain their jurisdiction's teams, equipment, experts and agreements;
    // an enterprise reads its own.
    path: '/rescue-resources',
    element: <RescueResourcesPage />,
    permission: 'rescue.read',
    menu: { labelKey: 'menu.rescueResources', icon: <MedicineBoxOutlined /> },
  },
  {
    path: '/rescue-resources/nearest',
    element: <RescueNearestPage />,
    permission: 'rescue.search',
    bureauOnly: true,
    menuKeys: ['/rescue-resources'],
  },
  {
    path: '/rescue-resources/agreements',
    element: <RescueAgreementsPage />,
    permission: 'rescue.read',
    menuKeys: ['/rescue-resources'],
  },
  {
    path: '/rescue-resources/uncovered',
    element: <RescueUncoveredPage />,
    permission: 'rescue.search',
    bureauOnly: true,
    menuKeys: ['/rescue-resources'],
  },
  {
    path: '/rescue-resources/stats',
    element: <RescueStatsPage />,
    permission: 'rescue.search',
    bureauOnly: true,
    menuKeys: ['/rescue-resources'],
  },
  {
    // 现场检查: officers record inspections on a phone, offline too; enterprises read those of themselves.
    path: '/inspections',
    element: <InspectionListPage />,
    permission: 'inspection.read',
    menu: { labelKey: 'menu.inspections', icon: <FileSearchOutlined /> },
  },
  {
    path: '/inspections/new',
    element: <NewInspectionPage />,
    permission: 'inspection.write',
    bureauOnly: true,
    menuKeys: ['/inspections'],
  },
  {
    path: '/inspections/drafts/:id',
    element: <InspectionFormPage />,
    permission: 'inspection.write',
    bureauOnly: true,
    menuKeys: ['/inspections'],
  },
  { path: '/inspections/:id', element: <InspectionDetailPage />, permission: 'inspection.read' },
  {
    // 企业自查: the enterprise checks itself from the checklist library; bureaus read their enterprises'.
    path: '/self-inspections',
    element: <SelfInspectionListPage />,
    permission: 'self_inspection.read',
    menu: { labelKey: 'menu.selfInspections', icon: <SafetyCertificateOutlined /> },
  },
  {
    path: '/self-inspections/new',
    element: <SelfInspectionFormPage />,
    permission: 'self_inspection.write',
    enterpriseOnly: true,
    menuKeys: ['/self-inspections'],
  },
  {
    path: '/self-inspections/:id',
    element: <SelfInspectionDetailPage />,
    permission: 'self_inspection.read',
    menuKeys: ['/self-inspections'],
  },
  {
    // 年度监督检查计划: every bureau role reads the jurisdiction's plans and progress; admin and inspectors plan.
    path: '/supervision/plans',
    element: <PlanListPage />,
    permission: 'supervision.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.supervision', icon: <CarryOutOutlined /> },
  },
  { path: '/supervision/plans/:id', element: <PlanDetailPage />, permission: 'supervision.read', bureauOnly: true },
  {
    // 双随机抽取 (supervision.plan, checked on the page) and a recorded draw (?id=) for 复核 and 公开.
    path: '/supervision/draws',
    element: <DrawPage />,
    permission: 'supervision.read',
    bureauOnly: true,
    menuKeys: ['/supervision/plans'],
  },
  {
    // 控制指标: every bureau role reads its jurisdiction's; stats and admin of the parent bureau set them.
    path: '/indicators',
    element: <IndicatorsPage />,
    permission: 'indicator.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.indicators', icon: <AimOutlined /> },
  },
  {
    // 统计报表 (统计月报): every bureau role that reads statistics.
    path: '/reports',
    element: <StatsReportPage />,
    permission: 'stats.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.reports', icon: <TableOutlined /> },
  },
  {
    // 事故情况通报: bureau roles read; the statistics desk and admin generate (bulletin.create, checked on the page).
    path: '/bulletins',
    element: <BulletinsPage />,
    permission: 'bulletin.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.bulletins', icon: <FileTextOutlined /> },
  },
  { path: '/bulletins/:id/print', element: <BulletinPrintPage />, permission: 'bulletin.read', bureauOnly: true },
  {
    // 历史数据导入: the statistics desk and the administrator (accident.import).
    path: '/imports',
    element: <ImportPage />,
    permission: 'accident.import',
    bureauOnly: true,
    menu: { labelKey: 'menu.imports', icon: <ImportOutlined /> },
  },
  {
    // 核销审批: requests of the jurisdiction; the approving bureau decides (writeoff.decide, checked per request).
    path: '/writeoffs',
    element: <WriteoffPage />,
    permission: 'writeoff.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.writeoff', icon: <CheckSquareOutlined /> },
  },
  {
    // 报送考核: every bureau role that reads statistics sees its children's ranking.
    path: '/assessment',
    element: <AssessmentPage />,
    permission: 'assessment.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.assessment', icon: <TrophyOutlined /> },
  },
  {
    // 操作留痕: audit.read is admin and leader only, so only they see the menu entry.
    path: '/audit',
    element: <AuditPage />,
    permission: 'audit.read',
    bureauOnly: true,
    menu: { labelKey: 'menu.audit', icon: <AuditOutlined /> },
  },
  {
    // 应急处置: bureaus' incidents of their jurisdiction; an invited department user (协同部门) its own only.
    path: '/incidents',
    element: <IncidentListPage />,
    permission: 'incident.read',
    menu: { labelKey: 'menu.incidents', icon: <AlertOutlined /> },
  },
  {
    path: '/incidents/stats',
    element: <IncidentStatsPage />,
    permission: 'incident.stats',
    bureauOnly: true,
    menu: { labelKey: 'menu.incidentStats', icon: <FundProjectionScreenOutlined /> },
  },
  { path: '/incidents/:id', element: <IncidentPage />, permission: 'incident.read', menuKeys: ['/incidents'] },
  // 值班大屏 (1920×1080): covers the window over the app's frame.
  { path: '/incidents/:id/wall', element: <IncidentWallPage />, permission: 'incident.read', menuKeys: ['/incidents'] },
  {
    // 用户管理: a bureau's administrator manages the accounts of its jurisdiction.
    path: '/users',
    element: <UsersPage />,
    permission: 'user.manage',
    bureauOnly: true,
    menu: { labelKey: 'menu.users', icon: <TeamOutlined /> },
  },
];

export function allowed(route: AppRoute, me: Me): boolean {
  return (
    can(me.role, route.permission) &&
    !(route.bureauOnly && me.org.kind !== 'bureau') &&
    !(route.enterpriseOnly && me.org.kind !== 'enterprise')
  );
}

export function mayDo(me: Me | null | undefined, permission: Permission): boolean {
  return !!me && can(me.role, permission);
}

/**
 * Starts fetching the page of `pathname` at once, before the session check and the layout have answered, so the
 * chunks of a bookmarked page download in parallel instead of one after another.
 */
export function preloadPageFor(pathname: string): void {
  const route = APP_ROUTES.find((r) => matchPath(r.path, pathname));
  const page =
    route && isValidElement(route.element) ? (route.element.type as { preload?: () => Promise<unknown> }) : undefined;
  void page?.preload?.();
}
