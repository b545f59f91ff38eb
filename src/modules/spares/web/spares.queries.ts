/**
 * Server state of the spare stores for the console: stores, the parts catalogue, stock levels and
 * serialised units, the ledger, purchase orders and the stock report, with the writes. Types come
 * from the zod contracts (type-only imports, so zod stays out of the bundle).
 */
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../web/api/client.ts';
import { queryParams } from '../../../web/api/query-params.ts';
import type { branchSchema } from '../../branches/branches.api.ts';
import type { caseListItem } from '../../cases/cases.api.ts';
import type { PurchaseOrderState, StockMovementKind, StockUnitState } from '../spares-model.ts';
import type {
  cancelPurchaseOrderBody,
  partBody,
  partPatch,
  partSchema,
  purchaseOrderBody,
  purchaseOrderSchema,
  receivePurchaseOrderBody,
  stockLevelSchema,
  stockMovementBody,
  stockMovementResult,
  stockMovementSchema,
  stockReportSchema,
  stockUnitSchema,
  warehouseBody,
  warehousePatch,
  warehouseSchema,
} from '../spares.api.ts';

export type Warehouse = z.infer<typeof warehouseSchema>;
export type WarehouseBody = z.input<typeof warehouseBody>;
export type WarehousePatch = z.input<typeof warehousePatch>;
export type Part = z.infer<typeof partSchema>;
export type PartBody = z.input<typeof partBody>;
export type PartPatch = z.input<typeof partPatch>;
export type StockLevel = z.infer<typeof stockLevelSchema>;
export type StockUnit = z.infer<typeof stockUnitSchema>;
export type StockMovement = z.infer<typeof stockMovementSchema>;
export type StockMovementBody = z.input<typeof stockMovementBody>;
export type StockMovementResult = z.infer<typeof stockMovementResult>;
export type PurchaseOrder = z.infer<typeof purchaseOrderSchema>;
export type PurchaseOrderBody = z.input<typeof purchaseOrderBody>;
export type ReceiveBody = z.input<typeof receivePurchaseOrderBody>;
export type CancelBody = z.input<typeof cancelPurchaseOrderBody>;
export type StockReport = z.infer<typeof stockReportSchema>;
export type Branch = z.infer<typeof branchSchema>;
export type CaseRef = Pick<z.infer<typeof caseListItem>, 'id' | 'number' | 'title' | 'organisation'>;
export interface ProductModelRef {
  id: number;
  vendor: string;
  model: string;
  partNumber: string | null;
}

export const sparesKeys = {
  warehouses: ['spares', 'warehouses'] as const,
  parts: ['spares', 'parts'] as const,
  stock: ['spares', 'stock'] as const,
  purchaseOrders: ['spares', 'purchase-orders'] as const,
};

// Stores and parts.

export function useWarehouses() {
  return useQuery({
    queryKey: sparesKeys.warehouses,
    queryFn: ({ signal }) => api.get<{ items: Warehouse[] }>('/api/warehouses', signal),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export { useBranches } from '../../../web/app/organisation-lookups.ts';

export interface PartFilter {
  q?: string;
  active?: 'true' | 'false';
  serialised?: 'true' | 'false';
}

const PAGE_SIZE = 100;

export function usePartList(filter: PartFilter) {
  return useInfiniteQuery({
    queryKey: [...sparesKeys.parts, 'list', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => {
      const params = queryParams({ ...filter, limit: PAGE_SIZE, cursor: pageParam });
      return api.get<{ items: Part[]; nextCursor: string | null }>(`/api/spare-parts?${params}`, signal);
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Parts for a picker: active ones matching `q` (part number, name, vendor). */
export function usePartSearch(q: string) {
  return useQuery({
    queryKey: [...sparesKeys.parts, 'search', q],
    queryFn: ({ signal }) =>
      api.get<{ items: Part[] }>(
        `/api/spare-parts?${queryParams({ q: q.trim(), active: 'true', limit: 30 })}`,
        signal,
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

export function usePart(id: number | undefined) {
  return useQuery({
    queryKey: [...sparesKeys.parts, id],
    queryFn: ({ signal }) => api.get<Part>(`/api/spare-parts/${id}`, signal),
    enabled: id !== undefined,
  });
}

export function useProductModelSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['product-models', 'search', q],
    queryFn: ({ signal }) =>
      api.get<{ items: ProductModelRef[] }>(
        `/api/product-models?${queryParams({ q: q.trim(), active: 'true', limit: 30 })}`,
        signal,
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCaseSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: ['cases', 'search', q],
    queryFn: ({ signal }) =>
      api.get<{ items: CaseRef[] }>(`/api/cases?${queryParams({ q: q.trim(), limit: 20 })}`, signal),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

// Stock.

export interface LevelFilter {
  warehouseId?: number;
  partId?: number;
  q?: string;
  inStock?: boolean;
  belowReorder?: boolean;
}

export const LEVEL_LIMIT = 500;

export function useStockLevels(filter: LevelFilter, enabled = true) {
  return useQuery({
    queryKey: [...sparesKeys.stock, 'levels', filter],
    queryFn: ({ signal }) =>
      api.get<{ items: StockLevel[] }>(
        `/api/stock/levels?${queryParams({ ...filter, limit: LEVEL_LIMIT })}`,
        signal,
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface UnitFilter {
  partId?: number;
  warehouseId?: number;
  serial?: string;
  state?: StockUnitState;
}

export function useStockUnits(filter: UnitFilter, enabled = true) {
  return useQuery({
    queryKey: [...sparesKeys.stock, 'units', filter],
    queryFn: ({ signal }) =>
      api.get<{ items: StockUnit[] }>(`/api/stock/units?${queryParams({ ...filter, limit: 500 })}`, signal),
    select: (data) => data.items,
    enabled,
  });
}

export interface LedgerFilter {
  warehouseId?: number;
  partId?: number;
  kind?: StockMovementKind;
  caseId?: number;
  serial?: string;
  purchaseOrderId?: number;
  from?: string;
  to?: string;
}

export function useLedger(filter: LedgerFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...sparesKeys.stock, 'ledger', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => {
      const params = queryParams({ ...filter, limit: 50, cursor: pageParam });
      return api.get<{ items: StockMovement[]; nextCursor: string | null }>(
        `/api/stock/movements?${params}`,
        signal,
      );
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The report comes in the caller's language: the locale is part of the key, so a switch reads it again. */
export function useStockReport(warehouseId: number | undefined, locale: string) {
  return useQuery({
    queryKey: [...sparesKeys.stock, 'report', warehouseId, locale],
    queryFn: ({ signal }) =>
      api.get<StockReport>(`/api/stock/report?${queryParams({ warehouseId })}`, signal),
    placeholderData: keepPreviousData,
  });
}

export const stockReportXlsxHref = (warehouseId?: number) =>
  `/api/stock/report.xlsx${warehouseId ? `?warehouseId=${warehouseId}` : ''}`;

// Purchase orders.

export interface PurchaseOrderFilter {
  state?: PurchaseOrderState;
  open?: 'true';
  warehouseId?: number;
}

export function usePurchaseOrders(filter: PurchaseOrderFilter) {
  return useInfiniteQuery({
    queryKey: [...sparesKeys.purchaseOrders, 'list', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => {
      const params = queryParams({ ...filter, limit: 50, cursor: pageParam });
      return api.get<{ items: PurchaseOrder[]; nextCursor: string | null }>(
        `/api/purchase-orders?${params}`,
        signal,
      );
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function usePurchaseOrder(id: number) {
  return useQuery({
    queryKey: [...sparesKeys.purchaseOrders, id],
    queryFn: ({ signal }) => api.get<PurchaseOrder>(`/api/purchase-orders/${id}`, signal),
  });
}

// Writes: each reads the lists it touches again; the calling form shows its own errors.

function useSparesWrite<V, R>(call: (variables: V) => Promise<R>, touches: readonly (readonly string[])[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    meta: { handlesErrors: true },
    onSuccess: () =>
      Promise.all(touches.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] }))),
  });
}

export const useSaveWarehouse = () =>
  useSparesWrite(
    ({ id, body }: { id?: number; body: WarehouseBody | WarehousePatch }) =>
      id ? api.patch<Warehouse>(`/api/warehouses/${id}`, body) : api.post<Warehouse>('/api/warehouses', body),
    [sparesKeys.warehouses, sparesKeys.stock],
  );

export const useSavePart = () =>
  useSparesWrite(
    ({ id, body }: { id?: number; body: PartBody | PartPatch }) =>
      id ? api.patch<Part>(`/api/spare-parts/${id}`, body) : api.post<Part>('/api/spare-parts', body),
    [sparesKeys.parts, sparesKeys.stock],
  );

export const useRecordMovement = () =>
  useSparesWrite(
    (body: StockMovementBody) => api.post<StockMovementResult>('/api/stock/movements', body),
    [sparesKeys.stock],
  );

export const useCreatePurchaseOrder = () =>
  useSparesWrite(
    (body: PurchaseOrderBody) => api.post<PurchaseOrder>('/api/purchase-orders', body),
    [sparesKeys.purchaseOrders],
  );

/** A step on one order: order, receive (stock moves) or cancel. */
export const usePurchaseOrderStep = <V>(id: number, step: 'order' | 'receive' | 'cancel') =>
  useSparesWrite(
    (body: V) => api.post<PurchaseOrder>(`/api/purchase-orders/${id}/${step}`, body ?? {}),
    [sparesKeys.purchaseOrders, sparesKeys.stock],
  );

/** One case's number and title, for a filter's label. */
export function useCaseRef(id: number | undefined) {
  return useQuery({
    queryKey: ['cases', 'detail', id],
    queryFn: ({ signal }) => api.get<CaseRef>(`/api/cases/${id}`, signal),
    enabled: id !== undefined,
    staleTime: 60_000,
  });
}
