/**
 * Server state of the outbox screen: the delivery list (keyset pages, newest first) and the
 * retry of a held or dead message. The list's contract lives in the server's route file
 * (deliveries.routes.ts), not in a module-root `*.api.ts`, so its row is spelled out here.
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../web/api/client.ts';
import { queryParams } from '../../../web/api/query-params.ts';
import type { TargetChannel } from '../channels.api.ts';

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'held', 'dead', 'folded'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type DeliveryChannel = 'email' | 'sms' | TargetChannel;
export const DELIVERY_CHANNELS = [
  'email',
  'sms',
  'wecom',
  'dingtalk',
  'feishu',
  'webhook',
] as const satisfies readonly DeliveryChannel[];

/** One message of the outbox, as GET /api/deliveries answers it. */
export interface Delivery {
  id: number;
  caseId: number | null;
  channel: DeliveryChannel;
  recipient: string;
  template: string;
  locale: string;
  /** A status this screen does not know yet is shown as it comes. */
  status: DeliveryStatus | (string & {});
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** Over a robot's rate limit: the digest message that carried this one. */
  foldedIntoId: number | null;
  /** Read when the server sends them (later versions of the list). */
  maxAttempts?: number;
  nextAttemptAt?: string | null;
}

/** The outbox's filters, as the URL spells them. */
export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  caseId?: number;
}

const PAGE_SIZE = 100;

export const deliveryKeys = {
  all: ['deliveries'] as const,
  list: (filter: DeliveryFilter) => ['deliveries', 'list', filter] as const,
};

/**
 * Newest first, 100 a page; the next page starts below the last id of a full page. The channel
 * is sent along and also applied to the rows read, so the filter holds whether or not the server
 * takes it. While a message is on its way the list refreshes itself.
 */
export function useDeliveryList(filter: DeliveryFilter) {
  return useInfiniteQuery({
    queryKey: deliveryKeys.list(filter),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: Delivery[] }>(
        `/api/deliveries?${queryParams({ ...filter, limit: PAGE_SIZE, before: pageParam })}`,
        signal,
      ),
    getNextPageParam: (page) => (page.items.length === PAGE_SIZE ? page.items.at(-1)?.id : undefined),
    select: (data) =>
      filter.channel
        ? {
            ...data,
            pages: data.pages.map((p) => ({ items: p.items.filter((d) => d.channel === filter.channel) })),
          }
        : data,
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) =>
        p.items.some((d) => d.status === 'pending' || d.status === 'sending'),
      )
        ? 10_000
        : false,
    placeholderData: keepPreviousData,
  });
}

/** Sends a held or dead message again; the outbox is read again afterwards. */
export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: true }>(`/api/deliveries/${id}/retry`),
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.all }),
  });
}
