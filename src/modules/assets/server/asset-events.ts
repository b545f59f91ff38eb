/** Writes lines of an asset's own history (asset_event), in the caller's transaction. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { AssetEventKind } from '../asset-status.ts';

export interface NewAssetEvent {
  assetId: number;
  kind: AssetEventKind;
  caseId?: number | null;
  otherAssetId?: number | null;
  actorUserId: number | null;
  data?: Record<string, unknown> | null;
  at: Date;
}

/** Rows per insert statement: well under PostgreSQL's 65 535 bind parameters. */
const BATCH = 1000;

export async function writeAssetEvents(
  trx: Transaction<Database> | Kysely<Database>,
  events: NewAssetEvent[],
): Promise<void> {
  for (let i = 0; i < events.length; i += BATCH) {
    await trx
      .insertInto('asset_event')
      .values(
        events.slice(i, i + BATCH).map((e) => ({
          asset_id: e.assetId,
          kind: e.kind,
          case_id: e.caseId ?? null,
          other_asset_id: e.otherAssetId ?? null,
          actor_user_id: e.actorUserId,
          data: e.data ? JSON.stringify(e.data) : null,
          created_at: e.at,
        })),
      )
      .execute();
  }
}

/** The user behind a request, if a person (system work has none). */
export function actorUserIdOf(actor: { kind: string; userId?: number | null }): number | null {
  return actor.kind === 'system' ? null : (actor.userId ?? null);
}
