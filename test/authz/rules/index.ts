/** Every module's access rules; a new module adds its file here. */
import type { RuleSet } from '../access-rules.ts';
import { identityRules } from './identity.rules.ts';
import { organisationRules } from './organisations.rules.ts';
import { calendarRules } from './calendars.rules.ts';
import { caseRules } from './cases.rules.ts';
import { contractRules } from './contracts.rules.ts';
import { assetRules } from './assets.rules.ts';
import { rmaRules } from './rma.rules.ts';
import { sparesRules } from './spares.rules.ts';
import { alertRules } from './alerts.rules.ts';
import { notificationRules } from './notifications.rules.ts';
import { mailboxRules } from './mailboxes.rules.ts';
import { mailIntakeRules } from './mail-intake.rules.ts';

export const RULE_SETS: RuleSet[] = [
  identityRules,
  organisationRules,
  calendarRules,
  caseRules,
  assetRules,
  contractRules,
  sparesRules,
  rmaRules,
  alertRules,
  notificationRules,
  mailboxRules,
  mailIntakeRules,
];
