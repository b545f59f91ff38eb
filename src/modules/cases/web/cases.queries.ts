/**
 * Server state of cases for the console: queues, one case with its SLA, timeline, attachments and
 * vendor cases, intake look-ups (customers, sites, contacts, entitlement, staff, groups) and the
 * writes. Types come from the zod contracts (type-only imports, so zod stays out of the bundle).
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
import type { Entitlement } from '../../contracts/contracts.api.ts';
import type { User } from '../../identity/identity.api.ts';
import type { caseSlaSchema } from '../../sla/sla.api.ts';
import type { CaseState, Channel, Priority } from '../case-status.ts';
import type {
  CASE_SORTS,
  caseListItem,
  caseSchema,
  entrySchema,
  openCaseBody,
  openCaseResult,
  vendorCaseSchema,
} from '../cases.api.ts';

export type CaseListItem = z.infer<typeof caseListItem> & {
  /** The earliest unmet SLA target; only when the server's list carries it (see SlaDueCell). */
  slaNextDueAt?: string | null;
};
export type CaseDetail = z.infer<typeof caseSchema>;
export type CaseEntry = z.infer<typeof entrySchema>;
export type CaseSla = z.infer<typeof caseSlaSchema>;
export type SlaClock = CaseSla['clocks'][number];
export type EscalationStep = CaseSla['escalations'][number];
export type VendorCase = z.infer<typeof vendorCaseSchema>;
export type OpenCaseBody = z.input<typeof openCaseBody>;
export type OpenCaseResult = z.infer<typeof openCaseResult>;
export type { Entitlement, User };

export interface Attachment {
  id: number;
  caseId: number;
  fileName: string;
  size: number;
  mediaType: string;
  visibility: 'public' | 'internal';
  uploadedBy: number | null;
  createdAt: string;
}

export interface SupportGroup {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  branchId: number | null;
  memberIds: number[];
}

type Bilingual = { 'zh-CN': string; en: string };
export interface PriorityMeta {
  priority: Priority;
  label: Bilingual;
  definition: Bilingual;
  examples: { 'zh-CN': string[]; en: string[] };
}
export interface CaseMeta {
  priorities: PriorityMeta[];
  channels: Channel[];
  /** The queue's tools the caller may use. */
  abilities: { bulkAssign: boolean; shareViews: boolean };
}

/** The queue's filters, as the URL and the API (`caseListQuery`) both spell them. */
export interface CaseFilter {
  state?: CaseState;
  /** 'true': open cases only; 'false': resolved, closed and cancelled ones (the portal's 已结束). */
  open?: 'true' | 'false';
  priority?: number;
  organisationId?: number;
  assignee?: 'me' | 'none' | number;
  group?: 'mine' | number;
  channel?: Channel;
  breachingWithin?: number;
  q?: string;
  sort?: (typeof CASE_SORTS)[number];
}

const PAGE_SIZE = 50;

export const casesKeys = {
  all: ['cases'] as const,
  list: (filter: CaseFilter) => ['cases', 'list', filter] as const,
  detail: (id: number) => ['cases', 'detail', id] as const,
  part: (id: number, part: string) => ['cases', 'detail', id, part] as const,
};

export function useCaseList(filter: CaseFilter) {
  return useInfiniteQuery({
    queryKey: casesKeys.list(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => {
      const params = queryParams(filter);
      params.set('limit', String(PAGE_SIZE));
      if (pageParam) params.set('cursor', pageParam);
      return api.get<{ items: CaseListItem[]; nextCursor: string | null }>(`/api/cases?${params}`, signal);
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCaseMeta() {
  return useQuery({
    queryKey: ['cases', 'meta'],
    queryFn: ({ signal }) => api.get<CaseMeta>('/api/cases/meta', signal),
    staleTime: Infinity,
  });
}

export function useCase(id: number) {
  return useQuery({
    queryKey: casesKeys.detail(id),
    queryFn: ({ signal }) => api.get<CaseDetail>(`/api/cases/${id}`, signal),
  });
}

export function useCaseSla(id: number, enabled = true) {
  return useQuery({
    queryKey: casesKeys.part(id, 'sla'),
    queryFn: ({ signal }) => api.get<CaseSla>(`/api/cases/${id}/sla`, signal),
    enabled,
    staleTime: 30_000,
    // The clocks count down: re-read them every minute while the page is open.
    refetchInterval: 60_000,
  });
}

export function useCaseEntries(id: number) {
  return useQuery({
    queryKey: casesKeys.part(id, 'entries'),
    queryFn: ({ signal }) => api.get<{ items: CaseEntry[] }>(`/api/cases/${id}/entries`, signal),
    select: (data) => data.items,
  });
}

export function useCaseAttachments(id: number) {
  return useQuery({
    queryKey: casesKeys.part(id, 'attachments'),
    queryFn: ({ signal }) => api.get<{ items: Attachment[] }>(`/api/cases/${id}/attachments`, signal),
    select: (data) => data.items,
  });
}

export function useVendorCases(id: number) {
  return useQuery({
    queryKey: casesKeys.part(id, 'vendor-cases'),
    queryFn: ({ signal }) => api.get<{ items: VendorCase[] }>(`/api/cases/${id}/vendor-cases`, signal),
    select: (data) => data.items,
  });
}

// Customers, sites and contacts: one copy for every module, kept in the web shell (same query keys).
export {
  useContacts,
  useOrganisation,
  useOrganisationSearch,
  useSites,
  type Contact,
  type Organisation,
  type Site,
} from '../../../web/app/organisation-lookups.ts';

export interface EntitlementInput {
  organisationId?: number | undefined;
  siteId?: number | undefined;
  serial?: string | undefined;
}

export function useEntitlement(input: EntitlementInput) {
  const params = queryParams(input);
  const enabled = params.size > 0;
  return useQuery({
    queryKey: ['entitlement', input],
    queryFn: ({ signal }) => api.get<Entitlement>(`/api/entitlement?${params}`, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The staff directory; `enabled: false` where nobody needs it (the portal: contacts may not list staff). */
export function useStaffUsers(enabled = true) {
  return useQuery({
    queryKey: ['users', 'staff'],
    queryFn: ({ signal }) => api.get<{ items: User[] }>('/api/users?kind=staff&limit=200', signal),
    select: (data) => data.items.filter((u) => u.active),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useSupportGroups(enabled = true) {
  return useQuery({
    queryKey: ['support-groups'],
    queryFn: ({ signal }) => api.get<{ items: SupportGroup[] }>('/api/support-groups', signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useOpenCaseMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenCaseBody) => api.post<OpenCaseResult>('/api/cases', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases', 'list'] }),
    meta: { handlesErrors: true },
  });
}

/** Any write on one case: afterwards the case, its SLA, timeline and the queues are read again. */
export function useCaseAction<V>(
  caseId: number,
  call: (variables: V) => Promise<unknown>,
  options: { handlesErrors?: boolean } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    meta: { handlesErrors: options.handlesErrors ?? false },
    // The answer is in: the case page refetches in the background and the form is free at once
    // (waiting for the refetch kept the button busy, so a quick second send was dropped).
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: casesKeys.detail(caseId) });
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
  });
}

/** Uploads files to a case (multipart/form-data). */
export function uploadAttachments(
  caseId: number,
  files: File[],
  visibility: 'public' | 'internal',
): Promise<{ items: Attachment[] }> {
  const form = new FormData();
  // Fields before files: the server reads the stream in order.
  form.append('visibility', visibility);
  for (const file of files) form.append('file', file, file.name);
  return api.post<{ items: Attachment[] }>(`/api/cases/${caseId}/attachments`, form);
}

/** A faxed request as the hotline records it: the case fields and the scanned pages, in one request. */
export interface FaxCaseBody extends Omit<OpenCaseBody, 'channel'> {
  faxNumber: string | null;
  receivedAt: string | null;
}

export function useRecordFaxMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fields, pages }: { fields: FaxCaseBody; pages: File[] }) => {
      const form = new FormData();
      form.append('case', JSON.stringify(fields));
      for (const page of pages) form.append('file', page, page.name);
      return api.post<OpenCaseResult>('/api/cases/fax', form);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases', 'list'] }),
    meta: { handlesErrors: true },
  });
}
