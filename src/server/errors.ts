/**
 * One error type for the whole API. Every code has exactly one HTTP status and one Chinese message
 * (an exhaustive map, so a new code without a message does not compile).
 * Response shape: { error: { code, message, details } }.
 */

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'FORBIDDEN'
  | 'CROSS_SITE_REQUEST'
  | 'OUTSIDE_JURISDICTION'
  | 'NOT_FOUND'
  | 'DANGER_CLOSED'
  | 'DANGER_NO_DEADLINE'
  | 'DANGER_NOT_MAJOR'
  | 'DANGER_ALREADY_COMPLETED'
  | 'DANGER_NOT_AWAITING_RECHECK'
  | 'DANGER_CLOSE_BLOCKED'
  | 'EVIDENCE_CONFLICT'
  | 'EXTENSION_TOO_LATE'
  | 'EXTENSION_PENDING'
  | 'EXTENSION_DECIDED'
  | 'POSSIBLE_DUPLICATE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'NOT_HOLDER'
  | 'CHAIN_COMPLETE'
  | 'NOT_RECEIVED'
  | 'SIGN_OWN_REPORT'
  | 'SIGN_AFTER_FORWARD'
  | 'REPORT_FINAL'
  | 'ALREADY_CONVERTED'
  | 'NOT_ALLOCATOR'
  | 'IMPORT_NO_FILE'
  | 'IMPORT_UNSUPPORTED_FORMAT'
  | 'IMPORT_FILE_UNREADABLE'
  | 'IMPORT_EMPTY'
  | 'IMPORT_MISSING_COLUMNS'
  | 'IMPORT_TOO_MANY_ROWS'
  | 'IMPORT_FILE_TOO_LARGE'
  | 'IMPORT_IN_PROGRESS'
  | 'UPLOAD_TOO_COMPLEX'
  | 'UPLOAD_BUSY'
  | 'WRITEOFF_NOT_REQUESTER'
  | 'WRITEOFF_NOT_APPROVER'
  | 'WRITEOFF_OWN_REQUEST'
  | 'ALREADY_WRITTEN_OFF'
  | 'WRITEOFF_PENDING'
  | 'WRITEOFF_DECIDED'
  | 'WRITEOFF_REGRADED'
  | 'VERSION_CONFLICT'
  | 'ENTERPRISE_EXISTS'
  | 'LICENCE_EXISTS'
  | 'UNIT_RETIRED'
  | 'CALENDAR_YEAR_MISSING'
  | 'SUPERVISION_RULES_PROVINCIAL'
  | 'PLAN_EXISTS'
  | 'DRAW_PUBLISHED'
  | 'CASE_MOVE_REFUSED'
  | 'CASE_NOT_READY'
  | 'PDF_UNAVAILABLE'
  | 'PLAN_FILING_PENDING'
  | 'PLAN_FILING_DECIDED'
  | 'PLAN_FILING_NOT_NEEDED'
  | 'INCIDENT_EXISTS'
  | 'INCIDENT_CLOSED'
  | 'INCIDENT_NOT_LEAD'
  | 'INCIDENT_READ_ONLY'
  | 'TASK_MOVE_REFUSED'
  | 'RESOURCE_COMMITTED'
  | 'RESOURCE_UNAVAILABLE'
  | 'RESCUE_RESOURCE_RETIRED'
  | 'RESCUE_AGREEMENT_RETIRED'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL';

interface CodeSpec {
  status: number;
  message: string;
}

const SPECS: Record<ErrorCode, CodeSpec> = {
  VALIDATION_FAILED: { status: 400, message: '提交的数据不符合要求' },
  MALFORMED_JSON: { status: 400, message: '请求体不是有效的 JSON' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求体过大' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '登录失败次数过多，账号已锁定15分钟' },
  FORBIDDEN: { status: 403, message: '当前角色无权进行此操作' },
  CROSS_SITE_REQUEST: { status: 403, message: '请求来源不是本平台，已拒绝' },
  OUTSIDE_JURISDICTION: { status: 403, message: '超出本单位管辖范围' },
  NOT_FOUND: { status: 404, message: '记录不存在' },
  DANGER_CLOSED: { status: 409, message: '该隐患已销号（已关闭），不能再变更' },
  DANGER_NO_DEADLINE: { status: 409, message: '该隐患没有整改期限' },
  EVIDENCE_CONFLICT: { status: 409, message: '证据编号已被另一份文件使用，或证据已属于另一次检查' },
  DANGER_NOT_MAJOR: { status: 409, message: '只有重大事故隐患需要治理方案和销号审批' },
  DANGER_ALREADY_COMPLETED: { status: 409, message: '该隐患已报告整改完成，等待复查' },
  DANGER_NOT_AWAITING_RECHECK: { status: 409, message: '该隐患尚未报告整改完成，或已复查' },
  DANGER_CLOSE_BLOCKED: { status: 409, message: '重大事故隐患须有治理方案并经复查合格，方可销号' },
  EXTENSION_TOO_LATE: {
    status: 422,
    message: '延期申请须在整改期限届满10日前提出（原国家安全监管总局令第15号第十七条），已逾期限，不予受理',
  },
  EXTENSION_PENDING: { status: 409, message: '该隐患已有待审批的延期申请' },
  EXTENSION_DECIDED: { status: 409, message: '该延期申请已审批' },
  POSSIBLE_DUPLICATE: { status: 409, message: '疑似重复报告：同一县区2小时内已有同一单位的事故报告' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '幂等键已用于另一份不同的请求' },
  NOT_HOLDER: { status: 403, message: '报告当前不在本级，不能由本级上报' },
  CHAIN_COMPLETE: { status: 409, message: '报告已到达应报送的最高层级' },
  NOT_RECEIVED: { status: 403, message: '本级尚未收到该报告，不能签收' },
  SIGN_OWN_REPORT: { status: 409, message: '该报告由本级报出，无需签收' },
  SIGN_AFTER_FORWARD: { status: 409, message: '本级已上报该报告，不能再签收' },
  REPORT_FINAL: { status: 409, message: '已终报，不能再续报' },
  ALREADY_CONVERTED: { status: 409, message: '该值班记录已生成事故快报' },
  NOT_ALLOCATOR: { status: 403, message: '控制指标由上一级下达，本单位只能为直接下级设定' },
  IMPORT_NO_FILE: { status: 400, message: '请选择要上传的文件（表单字段 file）' },
  IMPORT_UNSUPPORTED_FORMAT: { status: 400, message: '仅支持 .xlsx、.csv 文件或 JSON 数组' },
  IMPORT_FILE_UNREADABLE: { status: 400, message: '文件无法读取，请确认是有效的 .xlsx 或 .csv 文件' },
  IMPORT_EMPTY: { status: 400, message: '文件中没有数据行' },
  IMPORT_MISSING_COLUMNS: { status: 400, message: '缺少必需的列，请使用导入模板' },
  IMPORT_TOO_MANY_ROWS: { status: 413, message: '数据行过多，请拆分文件后分批导入' },
  IMPORT_FILE_TOO_LARGE: { status: 413, message: '文件过大，请拆分文件后分批导入' },
  IMPORT_IN_PROGRESS: { status: 409, message: '该导入正在进行中，请稍后查看结果' },
  UPLOAD_TOO_COMPLEX: { status: 413, message: '文件无法在限定的时间和内存内解析，请拆分后分批导入' },
  UPLOAD_BUSY: { status: 503, message: '正在解析的上传文件过多，请稍后重试' },
  WRITEOFF_NOT_REQUESTER: {
    status: 403,
    message: '核销申请须由事故发生地县级应急管理部门（归口统计部门）的统计员或管理员提出',
  },
  WRITEOFF_NOT_APPROVER: { status: 403, message: '该核销申请应由其他层级的应急管理部门审批' },
  WRITEOFF_OWN_REQUEST: { status: 403, message: '不能审批本人提出的核销申请' },
  ALREADY_WRITTEN_OFF: { status: 409, message: '该事故已核销' },
  WRITEOFF_PENDING: { status: 409, message: '该事故已有待审批的核销申请' },
  WRITEOFF_DECIDED: { status: 409, message: '该核销申请已审批或已撤回' },
  WRITEOFF_REGRADED: { status: 409, message: '事故等级已变化，须由更高层级审批：请撤回后重新申请' },
  VERSION_CONFLICT: { status: 409, message: '记录已被他人修改，请刷新后重试' },
  ENTERPRISE_EXISTS: { status: 409, message: '该统一社会信用代码的企业已登记' },
  LICENCE_EXISTS: { status: 409, message: '该类型和编号的许可证已登记' },
  UNIT_RETIRED: { status: 409, message: '该单元已停用，不能再修改' },
  CALENDAR_YEAR_MISSING: { status: 409, message: '该年度法定节假日安排尚未导入，无法计算工作日' },
  CASE_MOVE_REFUSED: { status: 409, message: '案件当前所处阶段不能进行此操作' },
  CASE_NOT_READY: { status: 422, message: '案件尚不具备进入该阶段的条件' },
  PLAN_FILING_PENDING: { status: 409, message: '该预案已报备，正在等待审核，不能重复报备' },
  PLAN_FILING_DECIDED: { status: 409, message: '该备案已审核（或已视为备案），不能再审核' },
  PLAN_FILING_NOT_NEEDED: { status: 409, message: '该预案当前版本已备案（或视为备案），无需再次备案' },
  PDF_UNAVAILABLE: { status: 503, message: '服务器未安装 LibreOffice，暂不能生成 PDF，请下载 Word 文档' },
  SUPERVISION_RULES_PROVINCIAL: { status: 403, message: '分类分级监管规则由省级（或国家）应急管理部门的管理员维护' },
  PLAN_EXISTS: { status: 409, message: '本单位该年度的监督检查计划已经制定' },
  DRAW_PUBLISHED: { status: 409, message: '该抽查结果已经公开' },
  RESCUE_RESOURCE_RETIRED: { status: 409, message: '该应急资源已停用，不能再修改' },
  RESCUE_AGREEMENT_RETIRED: { status: 409, message: '该救助协议已作废，不能再修改' },
  INCIDENT_EXISTS: { status: 409, message: '该事故已启动应急处置' },
  INCIDENT_CLOSED: { status: 409, message: '该应急处置已终止，不能再变更' },
  INCIDENT_NOT_LEAD: { status: 403, message: '只有牵头处置的应急管理部门或其上级可以进行此操作' },
  INCIDENT_READ_ONLY: { status: 403, message: '本部门受邀仅可查看该事件，不能填写处置日志' },
  TASK_MOVE_REFUSED: { status: 409, message: '任务状态只能向前推进（已调派 → 在途 → 到场 → 撤离）' },
  RESOURCE_COMMITTED: { status: 409, message: '该救援力量正在执行其他事件的处置任务' },
  RESOURCE_UNAVAILABLE: { status: 409, message: '该救援力量当前不可调派（战备状态或可用状态为“不可用”）' },
  TOO_MANY_REQUESTS: { status: 429, message: '请求过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误' },
};

export interface ErrorDetail {
  path: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details: unknown = [],
    message?: string,
  ) {
    super(message ?? SPECS[code].message);
    this.status = SPECS[code].status;
  }

  toBody() {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export function fieldError(path: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', [{ path, code, message }], `${path}: ${message}`);
}
