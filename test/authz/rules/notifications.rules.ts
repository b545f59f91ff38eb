/** Access rules of the outbound channel configuration (SMS, group robots, webhooks): administrators only. */
import { roles, type RuleSet } from '../access-rules.ts';

export const notificationRules: RuleSet = {
  rules: {
    getNotificationChannels: { expect: roles('admin') },
    saveNotificationChannels: {
      expect: roles('admin'),
      body: () => ({ sms: null, targets: [], allowedHosts: [] }),
    },
  },
};
