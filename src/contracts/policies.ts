/**
 * Who may do what — the one place permissions are declared.
 * Jurisdiction (where) is separate: a bureau acts on its region subtree, an enterprise on its own unit.
 */
export const ROLES = ['admin', 'duty', 'stats', 'inspector', 'leader', 'enterprise', 'department'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The platform's own members: bureaus and enterprises. The 协同部门 role ('department': 公安, 消防, 卫健, 交通 …) is a
 * guest: it holds no permission but the incident ones, and reaches only the incidents it is invited to (issue 12 §3).
 */
export const MEMBER_ROLES: readonly Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader', 'enterprise'];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  duty: '值班员',
  stats: '统计员',
  inspector: '执法检查员',
  leader: '领导',
  enterprise: '企业安全管理员',
  department: '协同部门',
};

const ALL: readonly Role[] = MEMBER_ROLES;
const BUREAU_READERS: readonly Role[] = ['admin', 'duty', 'stats', 'inspector', 'leader'];

export const PERMISSIONS = {
  'accident.read': ALL,
  /** 快报: duty officers take the call; statisticians file for 直报; a unit files its own (493号令 第九条). */
  'accident.create': ['admin', 'duty', 'stats', 'enterprise'],
  /** 续报 and 终报. */
  'accident.followup': ['admin', 'duty', 'stats', 'enterprise'],
  /** 逐级上报 and 签收 are acts of the bureau's duty room. */
  'accident.forward': ['admin', 'duty'],
  'accident.sign': ['admin', 'duty'],
  'duty.read': BUREAU_READERS,
  'duty.write': ['admin', 'duty'],
  /**
   * 事故报告电话: a unit sees whom to call — its county's duty room (1 h) and, for 较大 and above, the province's
   * (21号令 第五条: the duty phone is published; 第六条: the unit reports to both).
   */
  'duty.contacts': ['enterprise'],
  'audit.read': ['admin', 'leader'],
  /** 留痕锚定: export the seal chain's signed latest hash, to be kept outside the database. */
  'audit.anchor': ['admin'],
  /** 用户管理: a bureau's administrator manages the accounts of its jurisdiction. */
  'user.manage': ['admin'],
  /** 统计分析: every bureau role reads the statistics of its jurisdiction; enterprises do not. */
  'stats.read': BUREAU_READERS,
  'region.read': ALL,
  /** 历史数据导入: past accidents entered for statistics — the statistics desk and the administrator. */
  'accident.import': ['admin', 'stats'],
  /** 控制指标: every bureau role reads its jurisdiction's indicators; enterprises do not. */
  'indicator.read': BUREAU_READERS,
  /** 控制指标下达: the statistics desk or the administrator of the bureau that allocates (the parent region's). */
  'indicator.write': ['admin', 'stats'],
  /** 核销: bureaus read the write-off requests of their jurisdiction (an accident's history: accident.read). */
  'writeoff.read': BUREAU_READERS,
  /** 核销申请: the statistics desk (or the administrator) of the 归口统计 bureau — the county. */
  'writeoff.request': ['admin', 'stats'],
  /** 核销审批: the statistics desk (or the administrator) of the bureau the grade names (domain/writeoff.ts). */
  'writeoff.decide': ['admin', 'stats'],
  /** 报送考核: every bureau role reads the assessment of its jurisdiction; enterprises do not. */
  'assessment.read': BUREAU_READERS,
  /** 事故情况通报: every bureau role reads the bulletins of its jurisdiction; enterprises do not. */
  'bulletin.read': BUREAU_READERS,
  /** 通报编发: the statistics desk (or the administrator) writes the bureau's 周分析、月通报、季研判. */
  'bulletin.create': ['admin', 'stats'],
  /** 企业档案: bureaus read their jurisdiction's enterprises; an enterprise reads its own record. */
  'enterprise.read': ALL,
  /** 企业档案维护: the bureau's administrator and inspectors; an enterprise maintains its own record. */
  'enterprise.write': ['admin', 'inspector', 'enterprise'],
  /** 企业批量导入: the bureau's administrator and inspectors. */
  'enterprise.import': ['admin', 'inspector'],
  /** 许可证: recorded by the bureau (the issuer's decisions: 暂扣, 吊销), never by the holder. */
  'licence.write': ['admin', 'inspector'],
  /** 重大危险源 lists, the map and the evaluation tool: every signed-in user within the jurisdiction. */
  'hazard.read': ALL,
  /** 重大危险源 register: the enterprise declares its units; the bureau's administrator and inspectors correct them. */
  'hazard.write': ['admin', 'inspector', 'enterprise'],
  /** 普查: the bureau's administrator and inspectors organise a census. */
  'census.write': ['admin', 'inspector'],
  /** 普查申报: the enterprise (or the bureau for it) submits its return. */
  'census.submit': ['admin', 'inspector', 'enterprise'],
  /** 隐患排查治理: bureaus read the dangers of their jurisdiction; an enterprise reads its own. */
  'danger.read': ALL,
  /**
   * A danger found (the inspector's order, or the enterprise's 自查自报), its 治理方案 and the report that it is fixed: the
   * bureau's administrator and inspectors, and the enterprise for its own.
   */
  'danger.report': ['admin', 'inspector', 'enterprise'],
  /** 延期申请: the enterprise that must fix the danger (原总局令第15号 第十七条). */
  'danger.extension': ['enterprise'],
  /** 督办: the bureau decides extensions, re-inspects (复查) and closes 重大 dangers (销号). */
  'danger.supervise': ['admin', 'inspector'],
  /** 现场检查: bureaus read the inspections of their jurisdiction; an enterprise reads those of itself. */
  'inspection.read': ALL,
  /** 现场检查记录 and its evidence: the law-enforcement officers (inspectors) and the administrator. */
  'inspection.write': ['admin', 'inspector'],
  /** 企业自查: bureaus read the self-inspections of their jurisdiction's enterprises; an enterprise reads its own. */
  'self_inspection.read': ALL,
  /** 企业自查: the enterprise records its own, from the checklist library (its 不符合 items are its 自查自报 dangers). */
  'self_inspection.write': ['enterprise'],
  /** 检查事项导入: a provincial (or the national) administrator — the service checks the level. */
  'checklist.import': ['admin'],
  /** 分类分级、监督检查计划、双随机抽查: every bureau role reads its jurisdiction's; enterprises do not. */
  'supervision.read': BUREAU_READERS,
  /** 年度监督检查计划 and 双随机 draws (and their publication): the bureau's administrator and inspectors. */
  'supervision.plan': ['admin', 'inspector'],
  /** 分类分级规则: an administrator of a provincial or the national bureau (checked in the service). */
  'supervision.rules': ['admin'],
  /** 行政处罚案件: bureaus read the cases of their jurisdiction; an enterprise reads those whose party it is. */
  'case.read': ALL,
  /** 立案 (the request), 调查取证, 审理, 告知, 听证, 决定, 送达, 执行: the law-enforcement officers and the administrator. */
  'case.write': ['admin', 'inspector'],
  /** 立案审批, 结案审批 and the extension of the decision deadline: the bureau's head (行政处罚法 第五十四条). */
  'case.approve': ['admin', 'leader'],
  /** 执法统计: every bureau role. */
  'case.stats': BUREAU_READERS,
  /** 自由裁量基准 and the average wage: an administrator of a provincial or the national bureau (checked in the service). */
  'case.settings': ['admin'],
  /** 应急预案: bureaus read the plans of their jurisdiction (and its overdue lists); an enterprise reads its own. */
  'emergency_plan.read': ALL,
  /**
   * 应急预案 (a new plan, a revision, a drill with its 评估报告, the 3-yearly evaluation): the enterprise for its own;
   * the bureau's administrator and inspectors for the enterprises of the jurisdiction and for the government's plans.
   */
  'emergency_plan.write': ['admin', 'inspector', 'enterprise'],
  /** 备案: the enterprise files its own plans (第二十六条). */
  'emergency_plan.file': ['enterprise'],
  /** 备案审核 (complete → 备案登记表, incomplete → 一次性告知): the bureau's administrator and inspectors (第二十八条). */
  'emergency_plan.decide': ['admin', 'inspector'],
  /** 预案备案、演练统计: every bureau role. */
  'emergency_plan.stats': BUREAU_READERS,
  /** 应急资源: bureaus read the teams, equipment, experts and agreements of their jurisdiction; an enterprise its own. */
  'rescue.read': ALL,
  /** 应急资源维护 (teams, equipment, experts, 救助协议) and their import: the bureau's administrator and duty room. */
  'rescue.write': ['admin', 'duty'],
  /** 就近查询, 未覆盖企业 and 应急资源统计: every bureau role. */
  'rescue.search': BUREAU_READERS,
  /** 法定节假日安排: every signed-in user reads the working-day calendar. */
  'calendar.read': ALL,
  /** Loading a year's 节假日安排: an administrator of a provincial or the national bureau (checked in the service). */
  'calendar.manage': ['admin'],
  /** 定时任务队列: the clock engine's jobs of the jurisdiction (platform-wide ones: the national bureau's). */
  'clock.read': ['admin'],
  /**
   * 应急处置: bureaus read the incidents of their jurisdiction; an invited department user (协同部门) reads only the
   * incidents it is invited to (checked in the service).
   */
  'incident.read': [...BUREAU_READERS, 'department'],
  /** 处置日志: every participating level writes; an invited department user with the comment right. */
  'incident.log': ['admin', 'duty', 'leader', 'inspector', 'department'],
  /** 启动响应, 响应级别调整, 力量调派, 邀请部门, 响应终止: the duty room, its head and the administrator. */
  'incident.command': ['admin', 'duty', 'leader'],
  /** 应急处置统计 (响应时间): every bureau role. */
  'incident.stats': BUREAU_READERS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
