/**
 * The installation settings every signed-in user may read (GET /api/settings): the company name and
 * the hotline number the portal shows for P1/P2 cases (seed 004: urgent faults are phoned in too).
 */
import { useQuery } from '@tanstack/react-query';
import type { Settings } from '../../modules/settings/settings.api.ts';
import { api } from '../api/client.ts';

export type { Settings };

export function useInstallationSettings() {
  return useQuery({
    queryKey: ['settings'],
    queryFn: ({ signal }) => api.get<Settings>('/api/settings', signal),
    // An administrator changes these rarely; a page load a few minutes old is fine.
    staleTime: 5 * 60_000,
  });
}
