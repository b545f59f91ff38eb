/**
 * Access rules of the notifications module: the outbound channel configuration (SMS, group robots,
 * webhooks, the outgoing mail server), test messages and the message templates are administrators' only; notification preferences are the
 * caller's own, so every signed-in person (staff or contact, of any organisation) reaches theirs.
 */
import { roles, signedIn, type RuleSet } from '../access-rules.ts';

const template = {
  kind: 'email',
  key: 'case.resolved',
  locale: 'en',
  subject: '[{{number}}] Resolved: {{title}}',
  body: 'Case {{number}} is resolved: {{link}}',
};

export const notificationRules: RuleSet = {
  rules: {
    getNotificationChannels: { expect: roles('admin') },
    saveNotificationChannels: {
      expect: roles('admin'),
      body: () => ({ sms: null, targets: [], allowedHosts: [] }),
    },
    getSmtpSettings: { expect: roles('admin') },
    // A documentation address (TEST-NET-3): public, so the guard passes without a DNS query.
    saveSmtpSettings: {
      expect: roles('admin'),
      body: () => ({ host: '203.0.113.25', security: 'tls', username: null, fromAddress: 'tac@example.cn' }),
    },
    clearSmtpSettings: { expect: roles('admin') },
    // No SMS provider is configured in the walk: the answer is "not configured", with no network.
    sendChannelTest: { expect: roles('admin'), body: () => ({ channel: 'sms', phone: '13800138000' }) },
    getMyNotificationPreferences: { expect: signedIn },
    saveMyNotificationPreferences: { expect: signedIn, body: () => ({ groups: {}, quietHours: null }) },
    listMessageTemplates: { expect: roles('admin') },
    saveMessageTemplate: { expect: roles('admin'), body: () => template },
    resetMessageTemplate: { expect: roles('admin'), query: () => 'kind=email&key=case.resolved&locale=en' },
    previewMessageTemplate: { expect: roles('admin'), body: () => template },
  },
};
