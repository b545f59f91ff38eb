/**
 * Server state of the service contract screens: the list (keyset pages), one contract, service
 * levels and calendars, the entitlement check, the look-ups of the form (assets, staff, cases; the
 * customers and sites are web/app/organisation-lookups) and the writes. Types come from the zod
 * contracts by type-only import, so zod stays out of the bundle.
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
import type { assetSchema } from '../../assets/assets.api.ts';
import type { calendarSchema } from '../../calendars/calendars.api.ts';
import type { caseListItem } from '../../cases/cases.api.ts';
import type { User } from '../../identity/identity.api.ts';
import type { ContractState } from '../contract-status.ts';
import type {
  contractBody,
  contractDetailSchema,
  contractListSchema,
  contractPatch,
  contractSchema,
  Entitlement,
  extensionBody,
  extensionSchema,
  renewContractBody,
  serviceLevelSchema,
} from '../contracts.api.ts';

export type ContractItem = z.infer<typeof contractSchema>;
export type ContractDetail = z.infer<typeof contractDetailSchema>;
export type ContractList = z.infer<typeof contractListSchema>;
export type ContractBody = z.input<typeof contractBody>;
export type ContractPatch = z.input<typeof contractPatch>;
export type RenewBody = z.input<typeof renewContractBody>;
export type ExtensionBody = z.input<typeof extensionBody>;
export type Extension = z.infer<typeof extensionSchema>;
export type ServiceLevel = z.infer<typeof serviceLevelSchema>;
export type Calendar = z.infer<typeof calendarSchema>;
export type Asset = z.infer<typeof assetSchema>;
export type CaseListItem = z.infer<typeof caseListItem>;
export type { Entitlement, User };

/** The list's filters, as the URL and the API (`contractListQuery`) both spell them. */
export interface ContractFilter {
  q?: string;
  state?: ContractState;
  organisationId?: number;
  serviceLevelId?: number;
  ownerId?: number;
  endsWithinDays?: number;
}

const PAGE_SIZE = 50;

export const contractsKeys = {
  all: ['contracts'] as const,
  list: (filter: ContractFilter) => ['contracts', 'list', filter] as const,
  detail: (id: number) => ['contracts', 'detail', id] as const,
};

export function useContractList(filter: ContractFilter) {
  return useInfiniteQuery({
    queryKey: contractsKeys.list(filter),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) => {
      const params = queryParams(filter);
      params.set('limit', String(PAGE_SIZE));
      if (pageParam) params.set('before', String(pageParam));
      return api.get<ContractList>(`/api/contracts?${params}`, signal);
    },
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useContract(id: number) {
  return useQuery({
    queryKey: contractsKeys.detail(id),
    queryFn: ({ signal }) => api.get<ContractDetail>(`/api/contracts/${id}`, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useServiceLevels() {
  return useQuery({
    queryKey: ['service-levels'],
    queryFn: ({ signal }) => api.get<{ items: ServiceLevel[] }>('/api/service-levels', signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useCalendars() {
  return useQuery({
    queryKey: ['calendars'],
    queryFn: ({ signal }) => api.get<{ items: Calendar[] }>('/api/calendars', signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export interface EntitlementInput {
  serial?: string | undefined;
  organisationId?: number | undefined;
  siteId?: number | undefined;
}

export function useEntitlementCheck(input: EntitlementInput) {
  const params = queryParams(input);
  return useQuery({
    queryKey: ['entitlement', input],
    queryFn: ({ signal }) => api.get<Entitlement>(`/api/entitlement?${params}`, signal),
    enabled: params.size > 0,
    placeholderData: keepPreviousData,
  });
}

/** The customer's live assets (those a contract may cover), up to 200, searchable by serial or model. */
export function useOrganisationAssets(organisationId: number | undefined, q: string) {
  return useQuery({
    queryKey: ['assets', 'list', { organisationId, q, for: 'contract' }],
    queryFn: ({ signal }) =>
      api.get<{ items: Asset[]; nextCursor: string | null }>(
        `/api/assets?${queryParams({ organisationId, q: q.trim() || undefined, limit: 200 })}`,
        signal,
      ),
    enabled: organisationId !== undefined,
    select: (data) => data.items.filter((a) => a.state !== 'retired'),
    placeholderData: keepPreviousData,
  });
}

export function useStaffUsers() {
  return useQuery({
    queryKey: ['users', 'staff'],
    queryFn: ({ signal }) => api.get<{ items: User[] }>('/api/users?kind=staff&limit=200', signal),
    select: (data) => data.items.filter((u) => u.active),
    staleTime: 5 * 60_000,
  });
}

/** Cases of one customer matching a number (or text), for linking a downtime extension to its case. */
export function useCaseLookup(organisationId: number, q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['cases', 'lookup', organisationId, query],
    queryFn: ({ signal }) =>
      api.get<{ items: CaseListItem[] }>(
        `/api/cases?${queryParams({ organisationId, q: query, limit: 10 })}`,
        signal,
      ),
    enabled: query.length >= 3,
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

export function useCreateContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContractBody) => api.post<ContractDetail>('/api/contracts', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['contracts', 'list'] }),
    meta: { handlesErrors: true },
  });
}

/**
 * Any write on one contract: afterwards the contract, the lists and the entitlement answers are
 * read again (a renewal or an extension changes what the hotline sees).
 */
export function useContractAction<V, R = ContractDetail>(
  contractId: number,
  call: (variables: V) => Promise<R>,
  options: { handlesErrors?: boolean } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    meta: { handlesErrors: options.handlesErrors ?? false },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: contractsKeys.detail(contractId) }),
        queryClient.invalidateQueries({ queryKey: ['contracts', 'list'] }),
        queryClient.invalidateQueries({ queryKey: ['entitlement'] }),
      ]),
  });
}

export const contractCalls = {
  update: (id: number) => (body: ContractPatch) => api.patch<ContractDetail>(`/api/contracts/${id}`, body),
  state: (id: number) => (body: { to: ContractState; reason?: string }) =>
    api.post<ContractDetail>(`/api/contracts/${id}/state`, body),
  renew: (id: number) => (body: RenewBody) => api.post<ContractDetail>(`/api/contracts/${id}/renew`, body),
  extend: (id: number) => (body: ExtensionBody) =>
    api.post<Extension>(`/api/contracts/${id}/extensions`, body),
};
