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
  | 'OUTSIDE_JURISDICTION'
  | 'NOT_FOUND'
  | 'POSSIBLE_DUPLICATE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'NOT_HOLDER'
  | 'CHAIN_COMPLETE'
  | 'NOT_RECEIVED'
  | 'REPORT_FINAL'
  | 'ALREADY_CONVERTED'
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
  OUTSIDE_JURISDICTION: { status: 403, message: '超出本单位管辖范围' },
  NOT_FOUND: { status: 404, message: '记录不存在' },
  POSSIBLE_DUPLICATE: { status: 409, message: '疑似重复报告：同一县区2小时内已有同一单位的事故报告' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '幂等键已用于另一份不同的请求' },
  NOT_HOLDER: { status: 403, message: '报告当前不在本级，不能由本级上报' },
  CHAIN_COMPLETE: { status: 409, message: '报告已到达应报送的最高层级' },
  NOT_RECEIVED: { status: 403, message: '本级尚未收到该报告，不能签收' },
  REPORT_FINAL: { status: 409, message: '已终报，不能再续报' },
  ALREADY_CONVERTED: { status: 409, message: '该值班记录已生成事故快报' },
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
