/**
 * Server state of the mail quarantine: received mail by state (keyset pages), one mail, accepting
 * it as a case or a reply, rejecting it, and the case search of the "reply on a case" picker.
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
import type { caseListItem } from '../../cases/cases.api.ts';
import type { InboundMailState } from '../mail-intake-rules.ts';
import type {
  acceptInboundMailBody,
  inboundMailListSchema,
  inboundMailSchema,
  inboundMailSummarySchema,
} from '../mail-intake.api.ts';

export type InboundMail = z.infer<typeof inboundMailSchema>;
export type InboundMailSummary = z.infer<typeof inboundMailSummarySchema>;
export type InboundMailList = z.infer<typeof inboundMailListSchema>;
export type AcceptMailBody = z.input<typeof acceptInboundMailBody>;
export type CaseListItem = z.infer<typeof caseListItem>;

const PAGE_SIZE = 50;

export const mailKeys = {
  all: ['inbound-mail'] as const,
  list: (state: InboundMailState | undefined) => ['inbound-mail', 'list', state ?? 'all'] as const,
  detail: (id: number) => ['inbound-mail', 'detail', id] as const,
};

/** Received mail in one state (every state: `undefined`), newest first, 50 a page. */
export function useInboundMailList(state: InboundMailState | undefined) {
  return useInfiniteQuery({
    queryKey: mailKeys.list(state),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<InboundMailList>(
        `/api/inbound-mail?${queryParams({ state, limit: PAGE_SIZE, before: pageParam })}`,
        signal,
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useInboundMail(id: number) {
  return useQuery({
    queryKey: mailKeys.detail(id),
    queryFn: ({ signal }) => api.get<InboundMail>(`/api/inbound-mail/${id}`, signal),
  });
}

/** Accept or reject a quarantined mail; the mail becomes what the server answered. */
export function useSettleMail(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { action: 'accept'; body: AcceptMailBody } | { action: 'reject'; reason: string }) =>
      input.action === 'accept'
        ? api.post<InboundMail>(`/api/inbound-mail/${id}/accept`, input.body)
        : api.post<InboundMail>(`/api/inbound-mail/${id}/reject`, { reason: input.reason }),
    meta: { handlesErrors: true },
    onSuccess: (mail) => {
      queryClient.setQueryData(mailKeys.detail(id), mail);
      void queryClient.invalidateQueries({ queryKey: mailKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/** Cases whose number, title or text matches (at least 3 characters), for the reply picker. */
export function useCaseSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['cases', 'mail-reply-search', query],
    queryFn: ({ signal }) =>
      api.get<{ items: CaseListItem[] }>(`/api/cases?${queryParams({ q: query, limit: 10 })}`, signal),
    enabled: query.length >= 3,
    select: (data) => data.items,
  });
}
