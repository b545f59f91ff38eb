/**
 * The TanStack Query client and the app-wide reactions to failed calls: an ended session sends
 * the user to login; a write nobody handled is reported as a toast in the user's language.
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/api-error.ts';
import { clearSession, sessionQueryKey } from '../../modules/identity/web/session.queries.ts';
import { reportError } from './error-reporter.ts';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The calling form shows this mutation's errors itself; no global toast. */
      handlesErrors?: boolean;
    };
  }
}

export function createAppQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isApiError(error, 'unauthenticated')) clearSession(queryClient);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isApiError(error, 'unauthenticated')) {
          clearSession(queryClient);
          reportError(error);
          return;
        }
        // A stale CSRF token (session rotated in another tab): fetch the current one for the next try.
        if (isApiError(error, 'csrf_failed'))
          void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
        if (!mutation.meta?.handlesErrors) reportError(error);
      },
    }),
    defaultOptions: {
      queries: {
        // 4xx answers are final; only network trouble and 5xx are worth another try.
        retry: (failures, error) =>
          failures < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
