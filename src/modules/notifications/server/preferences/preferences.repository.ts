/** Reading people's notification preferences: one person's for the API, many at once for the outbox. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { QuietHours } from '../../notification-preferences.api.ts';
import type { PersonKind } from '../../notification-preference-rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredPreferences {
  optOuts: string[];
  quietHours: QuietHours | null;
  updatedAt: Date | null;
}

/** A person as the rules need them: staff or contact, roles, time zone and choices. */
export interface PreferenceProfile extends StoredPreferences {
  userId: number;
  kind: PersonKind;
  roles: string[];
  timeZone: string;
}

const quietOf = (r: { quiet_start: string | null; quiet_end: string | null; quiet_weekends: boolean }) =>
  r.quiet_start && r.quiet_end
    ? { start: r.quiet_start, end: r.quiet_end, weekends: r.quiet_weekends }
    : null;

/** The people's profiles by user id; a person without a row has everything on and no quiet hours. */
export async function preferenceProfiles(
  db: Db,
  userIds: readonly number[],
): Promise<Map<number, PreferenceProfile>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .leftJoin('notification_preference as p', 'p.user_id', 'app_user.id')
    .select([
      'app_user.id',
      'app_user.kind',
      'app_user.time_zone',
      'p.opt_outs',
      'p.quiet_start',
      'p.quiet_end',
      'p.quiet_weekends',
      'p.updated_at',
      // With the roles in the same statement: it runs inside the transaction of every event.
      sql<string[]>`(select coalesce(array_agg(role), '{}') from user_role where user_id = app_user.id)`.as(
        'roles',
      ),
    ])
    .where('app_user.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        userId: r.id,
        kind: r.kind,
        roles: r.roles,
        timeZone: r.time_zone,
        optOuts: r.opt_outs ?? [],
        quietHours: quietOf({ ...r, quiet_weekends: r.quiet_weekends ?? false }),
        updatedAt: r.updated_at,
      },
    ]),
  );
}

/** One person's profile; undefined when the account does not exist. */
export async function preferenceProfile(db: Db, userId: number): Promise<PreferenceProfile | undefined> {
  return (await preferenceProfiles(db, [userId])).get(userId);
}

/** Replaces a person's choices. */
export async function writePreferences(
  db: Db,
  userId: number,
  p: { optOuts: string[]; quietHours: QuietHours | null },
  now: Date,
): Promise<void> {
  const values = {
    opt_outs: JSON.stringify(p.optOuts),
    quiet_start: p.quietHours?.start ?? null,
    quiet_end: p.quietHours?.end ?? null,
    quiet_weekends: p.quietHours?.weekends ?? false,
    updated_at: now,
  };
  await db
    .insertInto('notification_preference')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}
