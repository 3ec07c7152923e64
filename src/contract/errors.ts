// The fixed list of error codes of the county API. Every error response is
// { code, message, details? } with a plain-Chinese message the app may show as is.

export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, message: '填写的内容有误，请检查后再试' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '您没有查看或办理这项业务的权限' },
  NOT_FOUND: { status: 404, message: '没有找到相关信息' },
  CONFLICT: { status: 409, message: '当前状态不能办理这项业务' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: '重复提交的内容与第一次不一致' },
  OPEN_ORDER_EXISTS: { status: 409, message: '这一年已有一笔未完成的缴费订单' },
  ALREADY_PAID: { status: 409, message: '这一年的费用已经缴清' },
  NOT_IN_COLLECTION_PERIOD: { status: 409, message: '现在不在集中缴费期内' },
  BIND_MISMATCH: { status: 400, message: '身份证号和姓名对不上，请核对' },
  OTP_INVALID: { status: 400, message: '验证码不正确或已过期' },
  WECHAT_CODE_INVALID: { status: 400, message: '微信登录失败，请重试' },
  WECHAT_USER_BLOCKED: {
    status: 403,
    message: '微信提示这个账号暂时不能登录。请用手机号登录，或到村卫生室、县医保窗口办理'
  },
  INVITATION_INVALID: { status: 400, message: '邀请码无效或已过期' },
  SIGNATURE_INVALID: { status: 400, message: '支付通知签名不正确' },
  UPLOAD_REJECTED: { status: 400, message: '上传的文件不符合要求' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '上传的文件太大' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  /** the county is admitting no more payment flows this moment (ADMISSION_RATE): the app waits Retry-After, then retries */
  BUSY: { status: 429, message: '排队的人多，请稍等，会自动再试' },
  POLICY_NOT_FOUND: { status: 404, message: '没有找到该地区当时执行的政策' },
  UPSTREAM_UNAVAILABLE: { status: 503, message: '短信或微信服务暂时不可用，请稍后再试' },
  SPEECH_UNAVAILABLE: { status: 503, message: '现在没法读出来，请看屏幕上的字' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' }
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export interface ApiError {
  code: ErrorCode
  message: string
  details?: unknown
}

export function errorMessage(code: ErrorCode): string {
  return ERROR_CODES[code].message
}

export function errorStatus(code: ErrorCode): number {
  return ERROR_CODES[code].status
}
