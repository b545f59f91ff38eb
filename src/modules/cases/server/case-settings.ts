/** The settings cases depend on, with their defaults. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { readSetting } from '../../../platform/settings/settings.ts';

/** Days after resolution or closure during which a case may be reopened. */
export const reopenWindowDays = (db: Kysely<Database>) => readSetting<number>(db, 'cases.reopen_days', 14);

/** The hotline a customer must also phone for P1/P2 (seed 004); null until configured. */
export const hotlineNumber = (db: Kysely<Database>) => readSetting<string | null>(db, 'hotline_number', null);
