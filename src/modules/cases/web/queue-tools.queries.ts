/**
 * Server state of the queue's tools: saved views (own and shared) and bulk assignment. Types come
 * from the zod contracts by type-only import.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../web/api/client.ts';
import type { bulkAssignResult, savedViewList, savedViewSchema } from '../saved-views.api.ts';

export type SavedView = z.infer<typeof savedViewSchema>;
export type SavedViewList = z.infer<typeof savedViewList>;
export type BulkAssignResult = z.infer<typeof bulkAssignResult>;

/** The queue parameters a view keeps (the server's `SAVED_VIEW_PARAMS`; paging is never saved). */
const VIEW_PARAMS = [
  'state',
  'open',
  'priority',
  'organisationId',
  'assignee',
  'group',
  'branchId',
  'channel',
  'breachingWithin',
  'q',
  'sort',
];

/** The queue URL's query string reduced to what a view keeps, in a stable order for comparing. */
export function viewQueryOf(search: string): string {
  const entries = [...new URLSearchParams(search.replace(/^\?/, ''))].filter(([key]) =>
    VIEW_PARAMS.includes(key),
  );
  entries.sort(([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv));
  return new URLSearchParams(entries).toString();
}

const viewsKey = ['saved-views'] as const;

export function useSavedViews() {
  return useQuery({
    queryKey: viewsKey,
    queryFn: ({ signal }) => api.get<SavedViewList>('/api/saved-views', signal),
    staleTime: 60_000,
  });
}

export function useSaveViewMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: number; name?: string; query?: string; shared?: boolean }) => {
      const { id, ...body } = input;
      return id === undefined
        ? api.post<SavedView>('/api/saved-views', body)
        : api.patch<SavedView>(`/api/saved-views/${id}`, body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsKey }),
    // The dialogs show the error next to the field or above the list.
    meta: { handlesErrors: true },
  });
}

export function useDeleteViewMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<void>(`/api/saved-views/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsKey }),
    // The dialogs show the error next to the field or above the list.
    meta: { handlesErrors: true },
  });
}

export function useBulkAssignMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { caseIds: number[]; assigneeId: number; reason?: string }) =>
      api.post<BulkAssignResult>('/api/cases/bulk-assign', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
    meta: { handlesErrors: true },
  });
}
