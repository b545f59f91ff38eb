/**
 * What a test message says, in zh-CN and English: a mail with its HTML and text parts, a robot
 * message, and the sample values an SMS template is filled with. Pure.
 */
import { escapeHtml } from '../../message-template-text.ts';
import type { ChatMessage } from '../channels/channel-message.ts';
import type { CaseChatData } from '../channels/chat-templates.ts';

type Locale = 'zh-CN' | 'en';

const TEXT = {
  'zh-CN': {
    subject: 'TACdesk 测试邮件',
    mail: (by: string) => [
      '这是一封测试邮件，说明 TACdesk 的发信设置可以正常发送邮件。',
      `发起人：${by}`,
      '无需回复。',
    ],
    chatTitle: 'TACdesk 测试消息',
    chat: (by: string) => ['这是一条测试消息，说明本群机器人的配置正确。', `发起人：${by}`],
    linkLabel: '打开通知渠道设置',
    smsTitle: '测试短信',
  },
  en: {
    subject: 'TACdesk test mail',
    mail: (by: string) => [
      'This is a test mail: TACdesk can send e-mail with these settings.',
      `Sent by: ${by}`,
      'No reply is needed.',
    ],
    chatTitle: 'TACdesk test message',
    chat: (by: string) => ['This is a test message: this robot is configured correctly.', `Sent by: ${by}`],
    linkLabel: 'Open the notification channels',
    smsTitle: 'Test message',
  },
} as const;

/** The test mail's subject and bodies. */
export function testMail(locale: Locale, by: string) {
  const t = TEXT[locale];
  const lines = t.mail(by);
  return {
    subject: t.subject,
    text: `${lines.join('\n')}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif">${lines
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join('')}</body></html>`,
  };
}

/** The robot or webhook test message (type `test`, no outbox id). */
export function testChat(locale: Locale, by: string, publicUrl: string): ChatMessage {
  const t = TEXT[locale];
  return {
    deliveryId: 0,
    template: 'test',
    locale,
    title: t.chatTitle,
    lines: [...t.chat(by)],
    link: new URL('/admin/notification-channels', publicUrl).toString(),
    linkLabel: t.linkLabel,
    data: {},
  };
}

/** The values a test SMS fills the mapped provider template with. */
export function testSmsData(locale: Locale): CaseChatData {
  return {
    number: 'TAC-TEST',
    priority: 1,
    title: TEXT[locale].smsTitle,
    organisation: 'TACdesk',
    linkPath: '/admin/notification-channels',
  };
}
