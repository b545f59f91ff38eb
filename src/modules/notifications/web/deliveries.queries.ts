/**
 * Server state of the outbox screen: the delivery list (keyset pages, newest first, filtered on
 * the server) and the retry of a held or dead message. The row is the contract's
 * (deliveries.api.ts).
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../web/api/client.ts';
import { queryParams } from '../../../web/api/query-params.ts';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  type Delivery,
  type DeliveryListQuery,
} from '../deliveries.api.ts';

export { DELIVERY_CHANNELS, DELIVERY_STATUSES, type Delivery };
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** The outbox's filters, as the URL spells them. */
export type DeliveryFilter = Pick<DeliveryListQuery, 'status' | 'channel' | 'caseId'>;

const PAGE_SIZE = 100;

export const deliveryKeys = {
  all: ['deliveries'] as const,
  list: (filter: DeliveryFilter) => ['deliveries', 'list', filter] as const,
};

/**
 * Newest first, 100 a page; the next page starts below the last id of a full page. While a
 * message is on its way the list refreshes itself.
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
