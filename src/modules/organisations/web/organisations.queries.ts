/**
 * Server state of the customer admin screens: organisations (keyset pages, search in the URL),
 * an organisation's sites and contacts (inactive ones too) and the contacts' portal accounts,
 * branches for the picker, and the writes. One organisation and the types are
 * web/app/organisation-lookups (one cache with the pickers); the others come from the zod
 * contracts by type-only import.
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
import type { Contact, Organisation, Site } from '../../../web/app/organisation-lookups.ts';
import type { branchSchema } from '../../branches/branches.api.ts';
import type { createContactLoginBody, User } from '../../identity/identity.api.ts';
import type { contactPatch, organisationPatch, sitePatch } from '../organisations.api.ts';

export type { Contact, Organisation, Site, User };
export type OrganisationInput = z.input<typeof organisationPatch>;
export type SiteInput = z.input<typeof sitePatch>;
export type ContactInput = z.input<typeof contactPatch>;
export type PortalLoginInput = z.input<typeof createContactLoginBody>;
export type Branch = z.infer<typeof branchSchema>;

const PAGE_SIZE = 50;

export const organisationsKeys = {
  all: ['organisations'] as const,
  list: (q: string | undefined) => ['organisations', 'admin-list', q ?? ''] as const,
  sites: (id: number) => ['organisations', id, 'sites'] as const,
  contacts: (id: number) => ['organisations', id, 'contacts'] as const,
  portalAccounts: (id: number) => ['users', 'portal-accounts', id] as const,
};

export function useOrganisationList(q: string | undefined) {
  return useInfiniteQuery({
    queryKey: organisationsKeys.list(q),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: Organisation[]; nextAfter: number | null }>(
        `/api/organisations?${queryParams({ limit: PAGE_SIZE, q, after: pageParam })}`,
        signal,
      ),
    getNextPageParam: (page) => page.nextAfter ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** All the organisation's sites (web/app/organisation-lookups' `useSites`: the active ones). */
export function useAllSites(organisationId: number) {
  return useQuery({
    queryKey: organisationsKeys.sites(organisationId),
    queryFn: ({ signal }) => api.get<{ items: Site[] }>(`/api/organisations/${organisationId}/sites`, signal),
    select: (data) => data.items,
  });
}

/** All the organisation's contacts (web/app/organisation-lookups' `useContacts`: the active ones). */
export function useAllContacts(organisationId: number) {
  return useQuery({
    queryKey: organisationsKeys.contacts(organisationId),
    queryFn: ({ signal }) =>
      api.get<{ items: Contact[] }>(`/api/organisations/${organisationId}/contacts`, signal),
    select: (data) => data.items,
  });
}

/** Portal accounts of the organisation's contacts (by contact id). */
export function usePortalAccounts(organisationId: number) {
  return useQuery({
    queryKey: organisationsKeys.portalAccounts(organisationId),
    queryFn: ({ signal }) =>
      api.get<{ items: User[] }>(
        `/api/users?kind=contact&organisationId=${organisationId}&limit=200`,
        signal,
      ),
    select: (data) => new Map(data.items.map((u) => [u.contactId, u])),
  });
}

export { useBranches } from '../../../web/app/organisation-lookups.ts';

/** A write on customer records; organisation lists and details (and portal accounts) refetch after it. */
function useCustomerWrite<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: organisationsKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['users'] }),
      ]);
    },
  });
}

export const useSaveOrganisation = () =>
  useCustomerWrite(({ id, body }: { id?: number; body: OrganisationInput }) =>
    id
      ? api.patch<Organisation>(`/api/organisations/${id}`, body)
      : api.post<Organisation>('/api/organisations', body),
  );

export const useSaveSite = (organisationId: number) =>
  useCustomerWrite(({ id, body }: { id?: number; body: SiteInput }) =>
    id
      ? api.patch<Site>(`/api/sites/${id}`, body)
      : api.post<Site>(`/api/organisations/${organisationId}/sites`, body),
  );

export const useSaveContact = (organisationId: number) =>
  useCustomerWrite(({ id, body }: { id?: number; body: ContactInput }) =>
    id
      ? api.patch<Contact>(`/api/contacts/${id}`, body)
      : api.post<Contact>(`/api/organisations/${organisationId}/contacts`, body),
  );

export const useGivePortalLogin = () =>
  useCustomerWrite(({ contactId, body }: { contactId: number; body: PortalLoginInput }) =>
    api.post<User>(`/api/contacts/${contactId}/login`, body),
  );

/** Revoking deactivates the account (its sessions end); restoring reactivates it. */
export const useSetPortalAccountActive = () =>
  useCustomerWrite(({ userId, active }: { userId: number; active: boolean }) =>
    api.patch<User>(`/api/users/${userId}`, { active }),
  );
