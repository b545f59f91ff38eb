/**
 * Server state of the mailbox admin screen: the mailboxes with their poll status, the writes,
 * connection tests (of saved settings or of a form not saved yet) and "poll now". Types come from
 * the zod contracts by type-only import, so zod stays out of the bundle.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../web/api/client.ts';
import type {
  ConnectionTest,
  createMailboxBody,
  MailboxView,
  PollResult,
  testMailboxSettingsBody,
  updateMailboxBody,
} from '../mailboxes.api.ts';

export type Mailbox = MailboxView;
export type { ConnectionTest, PollResult };
export type CreateMailboxBody = z.input<typeof createMailboxBody>;
export type UpdateMailboxBody = z.input<typeof updateMailboxBody>;
export type TestSettingsBody = z.input<typeof testMailboxSettingsBody>;

const KEY = ['mailboxes'] as const;

/** The list; while a mailbox is being polled it is read again every few seconds. */
export function useMailboxes() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<{ items: Mailbox[] }>('/api/mailboxes', signal),
    select: (data) => data.items,
    refetchInterval: (query) => (query.state.data?.items.some((m) => m.status.polling) ? 5_000 : 60_000),
  });
}

/** A call on mailboxes; the list is read again after it. The callers show the errors. */
function useMailboxCall<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    meta: { handlesErrors: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export const useCreateMailbox = () =>
  useMailboxCall((body: CreateMailboxBody) => api.post<Mailbox>('/api/mailboxes', body));

export const useUpdateMailbox = () =>
  useMailboxCall(({ id, body }: { id: number; body: UpdateMailboxBody }) =>
    api.patch<Mailbox>(`/api/mailboxes/${id}`, body),
  );

export const useDeleteMailbox = () =>
  useMailboxCall((id: number) => api.delete<void>(`/api/mailboxes/${id}`));

export const usePollMailbox = () =>
  useMailboxCall((id: number) => api.post<PollResult>(`/api/mailboxes/${id}/poll`));

/** Tries a saved mailbox (`id`) or settings not saved yet (`settings`). Changes nothing. */
export function useTestMailbox() {
  return useMutation({
    mutationFn: (input: { id: number } | { settings: TestSettingsBody }) =>
      'id' in input
        ? api.post<ConnectionTest>(`/api/mailboxes/${input.id}/test`)
        : api.post<ConnectionTest>('/api/mailboxes/test', input.settings),
    meta: { handlesErrors: true },
  });
}
