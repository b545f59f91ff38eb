/** Human titles of the error codes in both UI languages (problem+json `title`). */
import type { ErrorCode } from './app-error.ts';

export const ERROR_TITLES: Record<ErrorCode, { 'zh-CN': string; en: string }> = {
  validation_failed: { 'zh-CN': '输入有误', en: 'Invalid input' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Authentication required' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  forbidden: { 'zh-CN': '无权执行此操作', en: 'Not allowed' },
  csrf_failed: {
    'zh-CN': '请求校验失败，请刷新页面后重试',
    en: 'Request check failed; reload the page and retry',
  },
  not_found: { 'zh-CN': '记录不存在', en: 'Not found' },
  conflict: { 'zh-CN': '与现有数据冲突', en: 'Conflicts with existing data' },
  payload_too_large: { 'zh-CN': '内容过大', en: 'Payload too large' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型', en: 'Unsupported media type' },
  account_locked: {
    'zh-CN': '账户已临时锁定，请稍后再试',
    en: 'Account temporarily locked; try again later',
  },
  rate_limited: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  internal: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  unavailable: { 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
};
