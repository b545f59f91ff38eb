/** Every module's access rules; a new module adds its file here. */
import type { RuleSet } from '../access-rules.ts';
import { identityRules } from './identity.rules.ts';
import { organisationRules } from './organisations.rules.ts';
import { calendarRules } from './calendars.rules.ts';
import { caseRules } from './cases.rules.ts';

export const RULE_SETS: RuleSet[] = [identityRules, organisationRules, calendarRules, caseRules];
