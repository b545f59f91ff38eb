/** Server state of the "My notifications" card: the caller's own preferences, read and saved. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../web/api/client.ts';
import type {
  NotificationPreferences,
  NotificationPreferencesInput,
} from '../notification-preferences.api.ts';

const PATH = '/api/me/notification-preferences';
export const preferencesKey = ['notification-preferences', 'me'] as const;

export function useMyNotificationPreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: ({ signal }) => api.get<NotificationPreferences>(PATH, signal),
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferencesInput) => api.put<NotificationPreferences>(PATH, body),
    onSuccess: (saved) => queryClient.setQueryData(preferencesKey, saved),
    meta: { handlesErrors: true },
  });
}
