/** Server state of the console's home dashboard; live updates invalidate ['dashboard']. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api/client.ts';
import type { Dashboard, DashboardCase } from '../dashboard.api.ts';

export type { Dashboard, DashboardCase };

export function useDashboard(withinHours: number) {
  return useQuery({
    queryKey: ['dashboard', withinHours],
    queryFn: ({ signal }) => api.get<Dashboard>(`/api/dashboard?withinHours=${withinHours}`, signal),
    placeholderData: keepPreviousData,
    // The "due in" texts age; refresh now and then even without events.
    refetchInterval: 60_000,
  });
}
