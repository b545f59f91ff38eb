/**
 * Server state of RMAs for the console and the portal: the board (keyset pages, counts per tab),
 * one RMA, a case's RMAs, each step of the flow, the spare request, the monthly report and the
 * look-ups the screens need (branches, spare parts; customers come from web/app/organisation-lookups).
 * Types come from the zod contracts by type-only import, so zod stays out of the bundle.
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
import type { partSchema } from '../../spares/spares.api.ts';
import type { RmaStateGroup, RmaStep } from '../rma-status.ts';
import type { requestRmaBody, rmaListSchema, rmaReportSchema, RmaView } from '../rma.api.ts';

export type Rma = RmaView;
export type RmaList = z.infer<typeof rmaListSchema>;
export type RmaReport = z.infer<typeof rmaReportSchema>;
export type RmaReportRow = RmaReport['rows'][number];
export type RequestRmaBody = z.input<typeof requestRmaBody>;
export type Branch = z.infer<typeof branchSchema>;
export type SparePart = z.infer<typeof partSchema>;

/** The board's filters, as the URL and the API (`rmaListQuery`) both spell them. */
export interface RmaFilter {
  group?: RmaStateGroup;
  branchId?: number;
  organisationId?: number;
  lateReturn?: 'true';
  q?: string;
}

const PAGE_SIZE = 50;

export const rmaKeys = {
  all: ['rmas'] as const,
  list: (filter: RmaFilter) => ['rmas', 'list', filter] as const,
  detail: (id: number) => ['rmas', 'detail', id] as const,
  ofCase: (caseId: number) => ['rmas', 'case', caseId] as const,
  report: (month: string, branchId: number | undefined) => ['rmas', 'report', month, branchId] as const,
};

/** The board: newest first, 50 a page; the first page also carries the count per tab. */
export function useRmaList(filter: RmaFilter) {
  return useInfiniteQuery({
    queryKey: rmaKeys.list(filter),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) => {
      const params = queryParams(filter);
      params.set('limit', String(PAGE_SIZE));
      if (pageParam) params.set('before', String(pageParam));
      else params.set('withCounts', 'true');
      return api.get<RmaList>(`/api/rmas?${params}`, signal);
    },
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useRma(id: number) {
  return useQuery({
    queryKey: rmaKeys.detail(id),
    queryFn: ({ signal }) => api.get<Rma>(`/api/rmas/${id}`, signal),
  });
}

export function useCaseRmas(caseId: number) {
  return useQuery({
    queryKey: rmaKeys.ofCase(caseId),
    queryFn: ({ signal }) => api.get<RmaList>(`/api/cases/${caseId}/rmas`, signal),
    select: (data) => data.items,
  });
}

/** The API path of each step (POST /api/rmas/:id/<path>). */
export const STEP_PATHS: Record<Exclude<RmaStep, 'request'>, string> = {
  confirm: 'confirm',
  fulfil: 'fulfil',
  open_vendor_rma: 'vendor-rma',
  receive_part: 'receive-part',
  replace: 'replace',
  receive_faulty: 'receive-faulty',
  return_to_vendor: 'return-to-vendor',
  cancel: 'cancel',
};

/**
 * One step of the flow. Afterwards the RMA is what the server answered, and the boards, the case
 * (its state and timeline move with the RMA) and its RMA list are read again. The calling dialog
 * shows the errors itself (field errors at the fields).
 */
export function useRmaStep(rma: Pick<Rma, 'id' | 'case'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ step, body }: { step: Exclude<RmaStep, 'request'>; body: object }) =>
      api.post<Rma>(`/api/rmas/${rma.id}/${STEP_PATHS[step]}`, body),
    meta: { handlesErrors: true },
    onSuccess: (updated) => {
      queryClient.setQueryData(rmaKeys.detail(rma.id), updated);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: rmaKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['cases', 'detail', rma.case.id] }),
        queryClient.invalidateQueries({ queryKey: ['cases', 'list'] }),
      ]);
    },
    // A 409 means the RMA moved on meanwhile: show what it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: rmaKeys.detail(rma.id) }),
  });
}

/** The engineer's spare request on a case; the case goes to RMA pending. */
export function useRequestRma(caseId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestRmaBody) => api.post<Rma>(`/api/cases/${caseId}/rmas`, body),
    meta: { handlesErrors: true },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: rmaKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['cases', 'detail', caseId] }),
        queryClient.invalidateQueries({ queryKey: ['cases', 'list'] }),
      ]),
  });
}

export function useRmaReport(month: string, branchId: number | undefined) {
  return useQuery({
    queryKey: rmaKeys.report(month, branchId),
    queryFn: ({ signal }) =>
      api.get<RmaReport>(`/api/rmas/report?${queryParams({ month, branchId })}`, signal),
    placeholderData: keepPreviousData,
  });
}

export { useBranches } from '../../../web/app/organisation-lookups.ts';

/** Active spare parts whose part number, name or vendor contains `q`. */
export function useSparePartSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: ['spare-parts', 'search', q],
    queryFn: ({ signal }) =>
      api.get<{ items: SparePart[] }>(
        `/api/spare-parts?${new URLSearchParams({ q, active: 'true', limit: '20' })}`,
        signal,
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    enabled,
  });
}
