/** The whole app: server-state cache, language and theme, then the routes. */
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { AppRoutes } from './app-routes.tsx';
import { ErrorReporterBinding } from './error-reporter-binding.tsx';
import { LocaleBridge } from './locale-bridge.tsx';
import { createAppQueryClient } from './query-client.ts';

export function AppRoot() {
  const [queryClient] = useState(createAppQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleBridge>
        <ErrorReporterBinding />
        <AppRoutes />
      </LocaleBridge>
    </QueryClientProvider>
  );
}
