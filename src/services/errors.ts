// The one notifier: every failure the app shows goes through here, so a code always
// reads the same plain-Chinese sentence. The table is typed against the contract's
// ErrorCode: when the county API adds a code, tsc fails until it has a message here.
import type { ErrorCode } from '@/contract'
import { showPageMessage } from './page-message'

/** Failures that happen on the phone's side of the wire. */
export type ClientErrorCode =
  | 'OFFLINE' // no network at all
  | 'TIMEOUT' // no answer in time
  | 'UNREACHABLE' // network is up but the county system does not answer (gateway 502/503/504)
  | 'SERVER_ERROR' // an HTTP error without a readable error body
  | 'BAD_RESPONSE' // the answer is not what the contract promises (garbage, wrong shape)
  | 'INVALID_INPUT' // the app refused to send what the user typed

export type AppErrorCode = ErrorCode | ClientErrorCode

export interface AppError {
  code: AppErrorCode
  message: string
  /** true when trying the same thing again later may work (network, busy server) */
  retryable: boolean
  status?: number
  details?: unknown
}

const MESSAGES: Record<AppErrorCode, string> = {
  OFFLINE: '手机没有网络，请连上网络后再试',
  TIMEOUT: '网络太慢，没等到回复，请稍后再试',
  UNREACHABLE: '县里的系统暂时连不上，请稍后再试',
  SERVER_ERROR: '系统繁忙，请稍后再试',
  BAD_RESPONSE: '收到的信息有误，请稍后再试',
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  BAD_REQUEST: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有查看或办理这项业务的权限',
  NOT_FOUND: '没有找到相关信息',
  CONFLICT: '当前状态不能办理这项业务',
  IDEMPOTENCY_KEY_REUSED: '重复提交的内容与第一次不一致',
  OPEN_ORDER_EXISTS: '这一年已有一笔未完成的缴费订单',
  ALREADY_PAID: '这一年的费用已经缴清',
  NOT_IN_COLLECTION_PERIOD: '现在不在集中缴费期内',
  BIND_MISMATCH: '身份证号和姓名对不上，请核对',
  OTP_INVALID: '验证码不正确或已过期',
  WECHAT_CODE_INVALID: '微信登录失败，请重试',
  WECHAT_USER_BLOCKED: '微信提示这个账号暂时不能登录。请用手机号登录，或到村卫生室、县医保窗口办理',
  INVITATION_INVALID: '邀请码无效或已过期',
  SIGNATURE_INVALID: '支付通知签名不正确',
  UPLOAD_REJECTED: '上传的文件不符合要求',
  PAYLOAD_TOO_LARGE: '上传的文件太大',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  BUSY: '排队的人多，请稍等，会自动再试',
  POLICY_NOT_FOUND: '没有找到该地区当时执行的政策',
  UPSTREAM_UNAVAILABLE: '短信或微信服务暂时不可用，请稍后再试',
  SPEECH_UNAVAILABLE: '现在没法读出来，请看屏幕上的字',
  INTERNAL: '系统繁忙，请稍后再试'
}

const RETRYABLE = new Set<AppErrorCode>([
  'OFFLINE',
  'TIMEOUT',
  'UNREACHABLE',
  'SERVER_ERROR',
  'INTERNAL',
  'RATE_LIMITED',
  'BUSY',
  'UPSTREAM_UNAVAILABLE'
])

export function isKnownCode(code: unknown): code is AppErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(MESSAGES, code)
}

/** Builds an AppError; `message` overrides the table (e.g. a more specific county message). */
export function appError(
  code: AppErrorCode,
  extra: { message?: string; status?: number; details?: unknown } = {}
): AppError {
  return {
    code,
    message: extra.message || MESSAGES[code],
    retryable: RETRYABLE.has(code),
    status: extra.status,
    details: extra.details
  }
}

/** Network-type failures: the app should fall back to cached data and say it is offline. */
export function isConnectivityError(e: Pick<AppError, 'code'>): boolean {
  return e.code === 'OFFLINE' || e.code === 'TIMEOUT' || e.code === 'UNREACHABLE'
}

/**
 * The county system is not working for us right now (no answer, a 5xx, an answer we cannot
 * read): screens keep the saved copy and load again by themselves once it answers.
 * Unlike a 4xx, trying the same request later can succeed without the user doing anything.
 */
export function isCountyDownError(e: Pick<AppError, 'code'>): boolean {
  return isConnectivityError(e) || e.code === 'SERVER_ERROR' || e.code === 'BAD_RESPONSE' || e.code === 'INTERNAL'
}

/** Shows the error to the user: a line on the page that stays until it is read (no pop-up). */
export function notifyError(e: Pick<AppError, 'message'>): void {
  showPageMessage(e.message, 'error')
}
