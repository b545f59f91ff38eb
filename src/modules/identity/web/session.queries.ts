/**
 * Server state of the signed-in session: who is logged in (the app's boot query), log in, log out.
 * Every path that learns a SessionInfo hands its CSRF token to the API client.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../web/api/api-error.ts';
import { api, setCsrfToken } from '../../../web/api/client.ts';
import { navigate } from '../../../web/app/router.ts';
import type { Locale, Me, SessionInfo } from '../identity.api.ts';

export const sessionQueryKey = ['identity', 'session'] as const;

/** The session, or null when nobody is logged in (401 is an answer here, not an error). */
async function fetchSession(signal: AbortSignal): Promise<SessionInfo | null> {
  try {
    const session = await api.get<SessionInfo>('/api/auth/session', signal);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error, 'unauthenticated')) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

function isSessionKey(key: readonly unknown[]): boolean {
  return key.length === sessionQueryKey.length && sessionQueryKey.every((part, index) => key[index] === part);
}

export function useSessionQuery() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => fetchSession(signal),
    // Re-checked when the tab regains focus, so an expired session sends the user to login promptly.
    staleTime: 60_000,
  });
}

/** The logged-in user; only for components rendered behind the login guard. */
export function useMe(): Me {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useMe() used outside the logged-in part of the app');
  return data.user;
}

/** Forgets the session and everything fetched with it (another user may log in next on this browser). */
export function clearSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => !isSessionKey(query.queryKey) });
  queryClient.setQueryData(sessionQueryKey, null);
}

/** Replaces the cached user after a change the server confirmed (PATCH /api/me answers with Me). */
export function setSessionUser(queryClient: QueryClient, user: Me): void {
  queryClient.setQueryData<SessionInfo | null>(sessionQueryKey, (session) =>
    session ? { ...session, user } : session,
  );
}

export interface LoginInput {
  username: string;
  password: string;
  /** A language the user picked on the login page: saved to the account right after login. */
  locale?: Locale;
}

/** Logs in, then saves a language picked on the login page, so the first page already shows it. */
async function logIn({ username, password, locale }: LoginInput): Promise<SessionInfo> {
  const session = await api.post<SessionInfo>('/api/auth/login', { username, password });
  setCsrfToken(session.csrfToken);
  if (!locale || locale === session.user.locale) return session;
  try {
    return { ...session, user: await api.patch<Me>('/api/me', { locale }) };
  } catch {
    // A preference not saved must not fail the login; the account's own language is used instead.
    return session;
  }
}

export function useLoginMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logIn,
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionQueryKey, session);
    },
    meta: { handlesErrors: true },
  });
}

export function useLogoutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<void>('/api/auth/logout');
      } catch (error) {
        // Already logged out elsewhere (expired, revoked): the outcome the user asked for.
        if (!isApiError(error, 'unauthenticated')) throw error;
      }
    },
    onSuccess: () => {
      // Leave first: with the session gone, the guard would otherwise remember this page as `?next=`.
      navigate('/login');
      clearSession(queryClient);
    },
  });
}
