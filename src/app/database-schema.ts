/** The whole database as Kysely sees it: every module's tables plus the platform's. */
import type { PlatformTables } from '../platform/db/platform-tables.ts';
import type { BranchTables } from '../modules/branches/server/branches.tables.ts';
import type { OrganisationTables } from '../modules/organisations/server/organisations.tables.ts';
import type { IdentityTables } from '../modules/identity/server/identity.tables.ts';

export interface Database extends PlatformTables, BranchTables, OrganisationTables, IdentityTables {}
