/**
 * The RMA module's contribution to an asset's history: for every RMA on the asset (as the faulty
 * unit, or as the unit that replaced it) the request, the replacement and the return of the
 * faulty part to the vendor. A customer contact sees its own organisation's RMAs only, without
 * the vendor RMA number or the waybill.
 */
import type { AssetHistoryEntry, AssetHistorySource } from '../../assets/server/index.ts';
import { caseReference } from '../../assets/server/index.ts';
import { RMA_STATE_LABELS, type RmaState } from '../rma-status.ts';

const KIND_LABELS = {
  rma_requested: { 'zh-CN': '申请备件更换', en: 'Replacement requested' },
  rma_replaced: { 'zh-CN': '已更换备件', en: 'Part replaced' },
  rma_returned: { 'zh-CN': '坏件已返还厂商', en: 'Faulty part returned to the vendor' },
} as const;

export const rmaAssetHistory: AssetHistorySource = {
  name: 'rma',
  async entries({ db, asset, actor, limit }) {
    let query = db
      .selectFrom('rma')
      .innerJoin('support_case', 'support_case.id', 'rma.case_id')
      .innerJoin('spare_part', 'spare_part.id', 'rma.part_id')
      .leftJoin('app_user', 'app_user.id', 'rma.requested_by')
      .select([
        'rma.id',
        'rma.number',
        'rma.state',
        'rma.source',
        'rma.faulty_serial',
        'rma.issued_serial',
        'rma.good_serial',
        'rma.vendor_rma_number',
        'rma.return_waybill',
        'rma.created_at',
        'rma.replaced_at',
        'rma.returned_at',
        'rma.requested_by',
        'app_user.display_name as requested_by_name',
        'spare_part.part_number',
        'support_case.id as case_id',
        'support_case.number as case_number',
        'support_case.title as case_title',
        'support_case.state as case_state',
        'support_case.priority as case_priority',
      ])
      .where((eb) => eb.or([eb('rma.asset_id', '=', asset.id), eb('rma.new_asset_id', '=', asset.id)]))
      .orderBy('rma.id', 'desc')
      .limit(limit);
    if (actor.kind === 'contact') query = query.where('rma.organisation_id', '=', actor.organisationId);
    const rows = await query.execute();
    const internal = actor.kind !== 'contact';

    return rows.flatMap((r) => {
      const base = {
        source: 'rma',
        case: caseReference({
          id: r.case_id,
          number: r.case_number,
          title: r.case_title,
          state: r.case_state,
          priority: r.case_priority,
        }),
        otherAsset: null,
        reference: { type: 'rma', id: r.id, label: r.number },
      };
      const state = { state: r.state, stateLabel: RMA_STATE_LABELS[r.state as RmaState] };
      const entries: AssetHistoryEntry[] = [
        {
          ...base,
          kind: 'rma_requested',
          kindLabel: KIND_LABELS.rma_requested,
          at: r.created_at,
          actor: r.requested_by !== null ? { id: r.requested_by, name: r.requested_by_name ?? '' } : null,
          data: { ...state, partNumber: r.part_number, faultySerial: r.faulty_serial },
        },
      ];
      if (r.replaced_at)
        entries.push({
          ...base,
          kind: 'rma_replaced',
          kindLabel: KIND_LABELS.rma_replaced,
          at: r.replaced_at,
          actor: null,
          data: { ...state, newSerial: r.issued_serial ?? r.good_serial },
        });
      if (r.returned_at)
        entries.push({
          ...base,
          kind: 'rma_returned',
          kindLabel: KIND_LABELS.rma_returned,
          at: r.returned_at,
          actor: null,
          data: internal
            ? { ...state, vendorRmaNumber: r.vendor_rma_number, waybill: r.return_waybill }
            : state,
        });
      return entries;
    });
  },
};
