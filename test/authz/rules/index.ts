/** Every module's access rules; a new module adds its file here. */
import type { RuleSet } from '../access-rules.ts';
import { identityRules } from './identity.rules.ts';
import { organisationRules } from './organisations.rules.ts';

export const RULE_SETS: RuleSet[] = [identityRules, organisationRules];
