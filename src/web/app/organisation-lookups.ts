/**
 * Customers, their sites and contacts, and the integrator's branches, for the console's pickers
 * and filters. One copy for every
 * module (a module's web code may not import another's), so the query keys are one cache.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  contactSchema,
  organisationSchema,
  siteSchema,
} from '../../modules/organisations/organisations.api.ts';
import type { branchSchema } from '../../modules/branches/branches.api.ts';
import { api } from '../api/client.ts';

export type Organisation = z.infer<typeof organisationSchema>;
export type Site = z.infer<typeof siteSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Branch = z.infer<typeof branchSchema>;

/** The integrator's branches (all, or the active ones), for filters and forms; `enabled` defers the read. */
export function useBranches(opts: { activeOnly?: boolean; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['branches'],
    queryFn: ({ signal }) => api.get<{ items: Branch[] }>('/api/branches', signal),
    select: (data) => (opts.activeOnly ? data.items.filter((b) => b.active) : data.items),
    staleTime: 5 * 60_000,
    enabled: opts.enabled ?? true,
  });
}

/** Active organisations whose name or code contains `q` (the first 20; all of them for ''). */
export function useOrganisationSearch(q: string) {
  return useQuery({
    queryKey: ['organisations', 'search', q],
    queryFn: ({ signal }) =>
      api.get<{ items: Organisation[] }>(
        `/api/organisations?${new URLSearchParams({ q, limit: '20' })}`,
        signal,
      ),
    select: (data) => data.items.filter((o) => o.active),
    placeholderData: keepPreviousData,
  });
}

export function useOrganisation(id: number | undefined) {
  return useQuery({
    queryKey: ['organisations', id],
    queryFn: ({ signal }) => api.get<Organisation>(`/api/organisations/${id}`, signal),
    enabled: id !== undefined,
  });
}

/** The organisation's active sites. */
export function useSites(organisationId: number | undefined) {
  return useQuery({
    queryKey: ['organisations', organisationId, 'sites'],
    queryFn: ({ signal }) => api.get<{ items: Site[] }>(`/api/organisations/${organisationId}/sites`, signal),
    enabled: organisationId !== undefined,
    select: (data) => data.items.filter((s) => s.active),
  });
}

/** The organisation's active contacts. */
export function useContacts(organisationId: number | undefined) {
  return useQuery({
    queryKey: ['organisations', organisationId, 'contacts'],
    queryFn: ({ signal }) =>
      api.get<{ items: Contact[] }>(`/api/organisations/${organisationId}/contacts`, signal),
    enabled: organisationId !== undefined,
    select: (data) => data.items.filter((c) => c.active),
  });
}
