/**
 * The zh-CN and English wording of why a message did not go (channel-problems.api.ts): in a
 * "send a test" answer, and as an outbox message's last error (where it also says what to do for
 * the held message). Spread into notifications.messages.ts.
 */
export const channelProblemZhCN = {
  'notifications.test.problem.not_configured': '尚未配置',
  'notifications.test.problem.template_unmapped': '尚未映射任何短信模板',
  'notifications.test.problem.target_missing': '该机器人或 Webhook 已不在配置中',
  'notifications.test.problem.refused': '目标地址为内网或本机地址，需先加入白名单',
  'notifications.test.problem.dns': '找不到服务器（域名无法解析）',
  'notifications.test.problem.connect': '无法连接服务器',
  'notifications.test.problem.timeout': '服务器无响应（超时）',
  'notifications.test.problem.tls': 'TLS 加密连接失败，请检查加密方式与端口',
  'notifications.test.problem.authentication': '用户名或密码（授权码）错误',
  'notifications.test.problem.rejected': '邮件服务器拒收：应答码 {reply}',
  'notifications.test.problem.provider_error': '服务商拒绝：错误码 {errcode}',
  'notifications.test.problem.http': '服务商返回 HTTP {status} 错误',
  'notifications.test.problem.protocol': '服务器的应答无法识别',
  'notifications.test.problem.secret': '已保存的密钥无法解密，请重新填写',

  'notifications.outbox.problem.not_configured':
    '尚未配置发送渠道（发信服务器或短信服务商），配置后请重新发送',
  'notifications.outbox.problem.template_unmapped': '通知 {template} 尚未映射短信模板，映射后请重新发送',
  'notifications.outbox.problem.target_missing': '机器人或 Webhook “{target}”已不在配置中',
  'notifications.outbox.problem.refused': '目标地址为内网或本机地址，需先加入白名单',
  'notifications.outbox.problem.dns': '找不到服务器（域名无法解析）',
  'notifications.outbox.problem.connect': '无法连接服务器',
  'notifications.outbox.problem.timeout': '服务器无响应（超时）',
  'notifications.outbox.problem.tls': 'TLS 加密连接失败，请检查发信设置的加密方式与端口',
  'notifications.outbox.problem.authentication': '发信账号的用户名或密码（授权码）错误',
  'notifications.outbox.problem.rejected': '邮件服务器拒收：应答码 {reply}',
  'notifications.outbox.problem.provider_error': '服务商拒绝：错误码 {errcode}',
  'notifications.outbox.problem.http': '服务商返回 HTTP {status} 错误',
  'notifications.outbox.problem.protocol': '服务器的应答无法识别',
  'notifications.outbox.problem.secret': '已保存的密钥无法解密，请在设置中重新填写',
  'notifications.outbox.problemDetail': '服务器原文',
} as const;

export const channelProblemEn: Record<keyof typeof channelProblemZhCN, string> = {
  'notifications.test.problem.not_configured': 'Not configured yet',
  'notifications.test.problem.template_unmapped': 'No SMS template is mapped yet',
  'notifications.test.problem.target_missing': 'This robot or webhook is no longer configured',
  'notifications.test.problem.refused': 'A private or local address: allow-list the host first',
  'notifications.test.problem.dns': 'Server not found (the name does not resolve)',
  'notifications.test.problem.connect': 'Cannot connect to the server',
  'notifications.test.problem.timeout': 'The server did not answer in time',
  'notifications.test.problem.tls': 'The TLS connection failed: check the security mode and port',
  'notifications.test.problem.authentication': 'User name or password (authorisation code) refused',
  'notifications.test.problem.rejected': 'Refused by the mail server (reply {reply})',
  'notifications.test.problem.provider_error': 'Refused by the provider: error code {errcode}',
  'notifications.test.problem.http': 'The provider answered HTTP {status}',
  'notifications.test.problem.protocol': 'The server’s answer was not understood',
  'notifications.test.problem.secret': 'The saved secret cannot be opened: enter it again',

  'notifications.outbox.problem.not_configured':
    'Not configured (mail server or SMS provider): send again once it is',
  'notifications.outbox.problem.template_unmapped':
    'No SMS template mapped for {template}: send again once it is',
  'notifications.outbox.problem.target_missing': 'Robot or webhook “{target}” is no longer configured',
  'notifications.outbox.problem.refused': 'A private or local address: allow-list the host first',
  'notifications.outbox.problem.dns': 'Server not found (the name does not resolve)',
  'notifications.outbox.problem.connect': 'Cannot connect to the server',
  'notifications.outbox.problem.timeout': 'The server did not answer in time',
  'notifications.outbox.problem.tls':
    'The TLS connection failed: check the security mode and port of the mail settings',
  'notifications.outbox.problem.authentication':
    'The mail account’s user name or password (authorisation code) was refused',
  'notifications.outbox.problem.rejected': 'Refused by the mail server (reply {reply})',
  'notifications.outbox.problem.provider_error': 'Refused by the provider: error code {errcode}',
  'notifications.outbox.problem.http': 'The provider answered HTTP {status}',
  'notifications.outbox.problem.protocol': 'The server’s answer was not understood',
  'notifications.outbox.problem.secret': 'The saved secret cannot be opened: enter it again in the settings',
  'notifications.outbox.problemDetail': 'In the server’s words',
};
