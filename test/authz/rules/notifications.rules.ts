/**
 * Access rules of the notifications module: the outbound channel configuration (SMS, group robots,
 * webhooks) and the message templates are administrators' only; notification preferences are the
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
    getMyNotificationPreferences: { expect: signedIn },
    saveMyNotificationPreferences: { expect: signedIn, body: () => ({ groups: {}, quietHours: null }) },
    listMessageTemplates: { expect: roles('admin') },
    saveMessageTemplate: { expect: roles('admin'), body: () => template },
    resetMessageTemplate: { expect: roles('admin'), query: () => 'kind=email&key=case.resolved&locale=en' },
    previewMessageTemplate: { expect: roles('admin'), body: () => template },
  },
};
