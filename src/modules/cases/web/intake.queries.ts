/**
 * Server state of the hotline finder on New case: the candidates for what the caller said, and the
 * chosen customer's open cases (so the operator sees a duplicate before opening another).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../web/api/client.ts';
import type { caseListItem } from '../cases.api.ts';
import type { intakeCandidateSchema } from '../intake.api.ts';

export type IntakeCandidate = z.infer<typeof intakeCandidateSchema>;
export type OpenCase = z.infer<typeof caseListItem>;

/** The server's minimum (`intakeLookupQuery`): shorter queries are not sent. */
export const INTAKE_MIN_QUERY = 2;
/** How many open cases the glance lists; past that it links to the queue. */
export const GLANCE_CASES = 8;

export function useIntakeLookup(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['intake', 'lookup', query],
    queryFn: ({ signal }) =>
      api.get<{ items: IntakeCandidate[] }>(
        `/api/intake/lookup?${new URLSearchParams({ q: query })}`,
        signal,
      ),
    enabled: query.length >= INTAKE_MIN_QUERY,
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * The customer's open cases, newest first. Keyed under ['cases', 'list'] so a new case or a live
 * update refreshes it like the queues (the third part is a string, never a queue's filter object).
 */
export function useOpenCasesOf(organisationId: number | undefined) {
  return useQuery({
    queryKey: ['cases', 'list', 'open-of-customer', organisationId],
    queryFn: ({ signal }) =>
      api.get<{ items: OpenCase[]; nextCursor: string | null }>(
        `/api/cases?${new URLSearchParams({
          organisationId: String(organisationId),
          open: 'true',
          sort: 'newest',
          limit: String(GLANCE_CASES),
        })}`,
        signal,
      ),
    enabled: organisationId !== undefined,
  });
}
