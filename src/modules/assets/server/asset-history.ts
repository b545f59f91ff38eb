/**
 * An asset's history, merged from sources newest first: the asset's own events (registered,
 * imported, moved, state changes, swaps), the cases that name its serial, and whatever another
 * module adds with `addAssetHistorySource` (the RMA module: requests, vendor RMAs, returns).
 * Every source answers for the caller: the asset is already known to be visible to it, and a
 * customer contact gets public information only.
 */
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../app/database-schema.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import { STATE_INFO, type CaseState } from '../../cases/case-status.ts';
import type { assetHistoryEntrySchema } from '../assets.api.ts';
import { HISTORY_KIND_LABELS, type AssetEventKind } from '../asset-status.ts';
import { assetsPolicy } from './assets.policy.ts';

type Label = { 'zh-CN': string; en: string };

/** One history entry as a source produces it (`at` a Date; the route turns it into text). */
export interface AssetHistoryEntry {
  kind: string;
  kindLabel: Label;
  source: string;
  at: Date;
  actor: { id: number; name: string } | null;
  case: {
    id: number;
    number: string;
    title: string;
    state: string;
    stateLabel: Label;
    priority: number;
  } | null;
  otherAsset: { id: number; vendor: string; serial: string } | null;
  /** A record of the source's module the entry is about, e.g. `{ type: 'rma', id, label: 'RMA-2026-000012' }`. */
  reference: { type: string; id: number; label: string } | null;
  data: Record<string, unknown> | null;
}

/** What a source is asked for. */
export interface AssetHistoryQuery {
  db: Kysely<Database>;
  asset: { id: number; vendor: string; serial: string; organisation_id: number };
  actor: Actor;
  /** The most entries the answer will hold; a source returns at most this many, newest first. */
  limit: number;
}

export interface AssetHistorySource {
  /** Unique name, also the `source` of its entries (e.g. `rma`). */
  name: string;
  entries(query: AssetHistoryQuery): Promise<AssetHistoryEntry[]>;
}

const extraSources = new Map<string, AssetHistorySource>();

/**
 * Adds a source of history entries (once per process; adding the same name again replaces it).
 * The RMA module registers its source when its routes are registered.
 */
export function addAssetHistorySource(source: AssetHistorySource): void {
  extraSources.set(source.name, source);
}

/** Case number, title and state: what anyone who may see the case may see. */
export function caseReference(c: {
  id: number;
  number: string;
  title: string;
  state: string;
  priority: number;
}) {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    state: c.state,
    stateLabel: STATE_INFO[c.state as CaseState]?.label ?? { 'zh-CN': c.state, en: c.state },
    priority: c.priority,
  };
}

/** What a customer may see of an asset event's details. */
function publicData(
  kind: AssetEventKind,
  data: Record<string, unknown> | null,
): Record<string, unknown> | null {
  if (!data) return null;
  if (kind === 'moved' || kind === 'state_changed') return data;
  if (kind === 'updated') {
    const changed = (Array.isArray(data.changed) ? data.changed : []).filter((k) => k !== 'notes');
    return { changed };
  }
  return null;
}

const assetEventSource: AssetHistorySource = {
  name: 'asset',
  async entries({ db, asset, actor, limit }) {
    const rows = await db
      .selectFrom('asset_event')
      .leftJoin('app_user', 'app_user.id', 'asset_event.actor_user_id')
      .leftJoin('support_case', 'support_case.id', 'asset_event.case_id')
      .leftJoin('asset as other', 'other.id', 'asset_event.other_asset_id')
      .select([
        'asset_event.id',
        'asset_event.kind',
        'asset_event.data',
        'asset_event.created_at',
        'asset_event.actor_user_id',
        'app_user.display_name as actor_name',
        'support_case.id as case_id',
        'support_case.number as case_number',
        'support_case.title as case_title',
        'support_case.state as case_state',
        'support_case.priority as case_priority',
        'support_case.organisation_id as case_organisation_id',
        'other.id as other_id',
        'other.vendor as other_vendor',
        'other.serial as other_serial',
      ])
      .where('asset_event.asset_id', '=', asset.id)
      .orderBy('asset_event.id', 'desc')
      .limit(limit)
      .execute();
    const internal = assetsPolicy.canSeeInternal(actor);
    return rows.map((r) => {
      const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<
        string,
        unknown
      > | null;
      // A case of another organisation (the asset changed hands) is not the customer's to see.
      const caseVisible =
        r.case_id !== null && (actor.kind !== 'contact' || r.case_organisation_id === actor.organisationId);
      return {
        kind: r.kind,
        kindLabel: HISTORY_KIND_LABELS[r.kind],
        source: 'asset',
        at: r.created_at,
        actor: r.actor_user_id !== null ? { id: r.actor_user_id, name: r.actor_name ?? '' } : null,
        case: caseVisible
          ? caseReference({
              id: r.case_id!,
              number: r.case_number!,
              title: r.case_title!,
              state: r.case_state!,
              priority: r.case_priority!,
            })
          : null,
        otherAsset:
          r.other_id !== null ? { id: r.other_id, vendor: r.other_vendor!, serial: r.other_serial! } : null,
        reference: null,
        data: internal ? data : publicData(r.kind, data),
      };
    });
  },
};

/** Cases opened with the asset's serial (any case), scoped like the case queues. */
const caseSource: AssetHistorySource = {
  name: 'case',
  async entries({ db, asset, actor, limit }) {
    let query = db
      .selectFrom('support_case')
      .leftJoin('app_user', 'app_user.id', 'support_case.opened_by_user_id')
      .select([
        'support_case.id',
        'support_case.number',
        'support_case.title',
        'support_case.state',
        'support_case.priority',
        'support_case.opened_at',
        'support_case.opened_by_user_id',
        'app_user.display_name as opened_by_name',
      ])
      // Served by support_case_serial_idx on upper(asset_serial).
      .where(sql<boolean>`upper(support_case.asset_serial) = ${asset.serial.toUpperCase()}`);
    if (actor.kind === 'contact')
      query = query.where('support_case.organisation_id', '=', actor.organisationId);
    const rows = await query.orderBy('support_case.opened_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      kind: 'case_opened',
      kindLabel: HISTORY_KIND_LABELS.case_opened,
      source: 'case',
      at: r.opened_at,
      actor: r.opened_by_user_id !== null ? { id: r.opened_by_user_id, name: r.opened_by_name ?? '' } : null,
      case: caseReference(r),
      otherAsset: null,
      reference: null,
      data: null,
    }));
  },
};

export type AssetHistoryItem = z.output<typeof assetHistoryEntrySchema>;

/** The merged history, newest first, at most `limit` entries. */
export async function buildAssetHistory(
  query: AssetHistoryQuery,
): Promise<{ items: AssetHistoryItem[]; truncated: boolean }> {
  const sources = [assetEventSource, caseSource, ...extraSources.values()];
  const probe = { ...query, limit: query.limit + 1 };
  const lists = await Promise.all(sources.map((s) => s.entries(probe)));
  // Stable: entries at the same instant keep their source's order (asset events before cases).
  const merged = lists.flat().sort((a, b) => b.at.getTime() - a.at.getTime());
  return {
    items: merged.slice(0, query.limit).map((e) => ({ ...e, at: e.at.toISOString() })),
    truncated: merged.length > query.limit,
  };
}
