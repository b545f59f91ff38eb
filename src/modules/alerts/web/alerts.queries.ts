/**
 * Server state of the monitoring-alert screens: alert sources (list and writes; creation and
 * rotation answer the token once), received alerts (keyset pages by state), one alert,
 * assigning an unmatched one (with the customer's assets to pick from) or dismissing it with a
 * reason. Types come from the zod contracts by type-only import, so zod stays out of the bundle.
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
import type { AlertState } from '../alert-rules.ts';
import type {
  alertListSchema,
  alertSchema,
  alertSourceSchema,
  alertSourceWithTokenSchema,
  assignAlertBody,
  createAlertSourceBody,
  dismissAlertBody,
  updateAlertSourceBody,
} from '../alerts.api.ts';

export type AlertSource = z.infer<typeof alertSourceSchema>;
export type AlertSourceWithToken = z.infer<typeof alertSourceWithTokenSchema>;
export type CreateAlertSourceBody = z.input<typeof createAlertSourceBody>;
export type UpdateAlertSourceBody = z.input<typeof updateAlertSourceBody>;
export type Alert = z.infer<typeof alertSchema>;
export type AlertList = z.infer<typeof alertListSchema>;
export type AssignAlertBody = z.input<typeof assignAlertBody>;
export type DismissAlertBody = z.input<typeof dismissAlertBody>;
export type CustomerAsset = z.infer<typeof assetSchema>;

const PAGE_SIZE = 50;

export const alertKeys = {
  sources: ['alert-sources'] as const,
  alerts: ['alerts'] as const,
  list: (state: AlertState | undefined) => ['alerts', 'list', state ?? 'all'] as const,
  detail: (id: number) => ['alerts', 'detail', id] as const,
};

export function useAlertSources() {
  return useQuery({
    queryKey: alertKeys.sources,
    queryFn: ({ signal }) => api.get<{ items: AlertSource[] }>('/api/alert-sources', signal),
    select: (data) => data.items,
  });
}

/** A write on alert sources; the list is read again after it. The dialogs show the errors. */
function useSourceWrite<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.sources }),
  });
}

export const useCreateAlertSource = () =>
  useSourceWrite((body: CreateAlertSourceBody) => api.post<AlertSourceWithToken>('/api/alert-sources', body));

export const useUpdateAlertSource = () =>
  useSourceWrite(({ id, body }: { id: number; body: UpdateAlertSourceBody }) =>
    api.patch<AlertSource>(`/api/alert-sources/${id}`, body),
  );

export const useRotateAlertSourceToken = () =>
  useSourceWrite((id: number) => api.post<AlertSourceWithToken>(`/api/alert-sources/${id}/rotate-token`));

export const useDeleteAlertSource = () =>
  useSourceWrite((id: number) => api.delete<void>(`/api/alert-sources/${id}`));

/** Received alerts in one state (all of them: `undefined`), newest first, 50 a page. */
export function useAlertList(state: AlertState | undefined) {
  return useInfiniteQuery({
    queryKey: alertKeys.list(state),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<AlertList>(
        `/api/alerts?${queryParams({ state, limit: PAGE_SIZE, before: pageParam })}`,
        signal,
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAlert(id: number | undefined) {
  return useQuery({
    queryKey: alertKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<Alert>(`/api/alerts/${id}`, signal),
    enabled: id !== undefined,
  });
}

/** Assign (opens the case) or dismiss an unmatched alert; the alert becomes what the server answered. */
export function useAlertAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...input
    }: { id: number } & (
      { action: 'assign'; body: AssignAlertBody } | { action: 'dismiss'; body: DismissAlertBody }
    )) => api.post<Alert>(`/api/alerts/${id}/${input.action}`, input.body),
    meta: { handlesErrors: true },
    onSuccess: (alert) => {
      queryClient.setQueryData(alertKeys.detail(alert.id), alert);
      void queryClient.invalidateQueries({ queryKey: alertKeys.alerts });
    },
  });
}

/**
 * The customer's assets whose serial, model or part number contains `q` (the first 20, retired
 * ones left out), for naming the device of an alert; nothing until a customer is chosen.
 */
export function useCustomerAssets(organisationId: number | undefined, q: string) {
  return useQuery({
    queryKey: ['assets', 'list', { organisationId, q, for: 'alert' }],
    queryFn: ({ signal }) =>
      api.get<{ items: CustomerAsset[] }>(
        `/api/assets?${queryParams({ organisationId, q: q || undefined, limit: 20 })}`,
        signal,
      ),
    enabled: organisationId !== undefined,
    select: (data) => data.items.filter((a) => a.state !== 'retired'),
    placeholderData: keepPreviousData,
  });
}
