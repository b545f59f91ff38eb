/**
 * Spare stores, parts, stock and purchase orders are internal: every staff member reads them (an
 * engineer checks whether the branch holds a part); the spare-parts clerks, the managers and
 * administrators keep them. Customer contacts have no access to any of it (403, like every
 * staff-only route).
 */
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import {
  PURCHASE_ORDER_STEPS,
  STOCK_KEEPER_ROLES,
  type PurchaseOrderState,
  type PurchaseOrderStep,
} from '../spares-model.ts';

export const sparesPolicy = {
  canRead: (actor: Actor) => actor.kind === 'staff' || actor.kind === 'system',
  canKeep: (actor: Actor) => actor.kind === 'system' || hasRole(actor, ...STOCK_KEEPER_ROLES),
};

export function actorUserId(actor: Actor): number | null {
  return actor.kind === 'system' ? null : actor.userId;
}

/** 403 unless the caller is staff. */
export function assertCanReadStock(actor: Actor): void {
  if (!sparesPolicy.canRead(actor))
    throw new AppError('forbidden', 'spare parts and stock are for staff only');
}

/** 403 unless the caller keeps the stores. */
export function assertCanKeepStock(actor: Actor): void {
  if (!sparesPolicy.canKeep(actor))
    throw new AppError(
      'forbidden',
      'only spare-parts clerks, managers and administrators change stock records',
    );
}

/** The purchase-order steps the UI may offer: a keeper, and a state the step starts from. */
export function purchaseOrderAbilities(
  actor: Actor,
  state: PurchaseOrderState,
): Record<PurchaseOrderStep, boolean> {
  const keep = sparesPolicy.canKeep(actor);
  const may = (step: PurchaseOrderStep) =>
    keep && (PURCHASE_ORDER_STEPS[step].from as readonly PurchaseOrderState[]).includes(state);
  return { order: may('order'), receive: may('receive'), cancel: may('cancel') };
}
