/** The whole database as Kysely sees it: every module's tables plus the platform's. */
import type { PlatformTables } from '../platform/db/platform-tables.ts';
import type { BranchTables } from '../modules/branches/server/branches.tables.ts';
import type { OrganisationTables } from '../modules/organisations/server/organisations.tables.ts';
import type { IdentityTables } from '../modules/identity/server/identity.tables.ts';
import type { CalendarTables } from '../modules/calendars/server/calendars.tables.ts';
import type { ContractTables } from '../modules/contracts/server/contracts.tables.ts';
import type { CaseTables } from '../modules/cases/server/cases.tables.ts';
import type { SlaTables } from '../modules/sla/server/sla.tables.ts';
import type { AssetTables } from '../modules/assets/server/assets.tables.ts';
import type { NotificationTables } from '../modules/notifications/server/notifications.tables.ts';
import type { SpareTables } from '../modules/spares/server/spares.tables.ts';
import type { RmaTables } from '../modules/rma/server/rma.tables.ts';
import type { AlertTables } from '../modules/alerts/server/alerts.tables.ts';
import type { MailIntakeTables } from '../modules/mail-intake/server/mail-intake.tables.ts';
import type { MailboxTables } from '../modules/mailboxes/server/mailboxes.tables.ts';
import type { SavedViewTables } from '../modules/cases/server/saved-views.tables.ts';

export interface Database
  extends
    PlatformTables,
    BranchTables,
    OrganisationTables,
    IdentityTables,
    CalendarTables,
    ContractTables,
    CaseTables,
    SlaTables,
    NotificationTables,
    SpareTables,
    RmaTables,
    AlertTables,
    MailIntakeTables,
    MailboxTables,
    SavedViewTables,
    AssetTables {}
