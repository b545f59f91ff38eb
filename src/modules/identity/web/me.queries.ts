/** Changes the logged-in user makes to their own account: preferences and password. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../web/api/client.ts';
import type { Locale, Me, SessionInfo } from '../identity.api.ts';
import { sessionQueryKey, setSessionUser } from './session.queries.ts';

/** Body of PATCH /api/me (`updateMeBody`), typed without importing zod into the bundle. */
type UpdateMeBody = Partial<Pick<Me, 'locale' | 'timeZone' | 'displayName'>>;
/** Body of POST /api/me/password (`changePasswordBody`). */
export interface ChangePasswordBody {
  currentPassword: string;
  newPassword: string;
}

/**
 * Saves the user's language. The cache is updated first so the UI switches at once; the server's
 * answer then confirms it, or the previous language comes back if the save failed.
 */
export function useUpdateLocaleMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => api.patch<Me>('/api/me', { locale } satisfies UpdateMeBody),
    onMutate: async (locale) => {
      await queryClient.cancelQueries({ queryKey: sessionQueryKey });
      const previous = queryClient.getQueryData<SessionInfo | null>(sessionQueryKey);
      if (previous) setSessionUser(queryClient, { ...previous.user, locale });
      return { previous };
    },
    onError: (_error, _locale, context) => {
      if (context?.previous) queryClient.setQueryData(sessionQueryKey, context.previous);
    },
    onSuccess: (user) => setSessionUser(queryClient, user),
    meta: { handlesErrors: true },
  });
}

export function useChangePasswordMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<void>('/api/me/password', body),
    // The server clears mustChangePassword (and may rotate the session): read it again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
    meta: { handlesErrors: true },
  });
}
