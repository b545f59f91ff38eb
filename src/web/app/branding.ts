/**
 * The company's name and logo version (`GET /api/branding`, no sign-in needed): what the brand
 * mark shows on every page, the login page included.
 */
import { useQuery } from '@tanstack/react-query';
import type { Branding } from '../../modules/settings/settings.api.ts';
import { api } from '../api/client.ts';

export type { Branding };
export const brandingQueryKey = ['branding'] as const;

export function useBranding() {
  return useQuery({
    queryKey: brandingQueryKey,
    queryFn: ({ signal }) => api.get<Branding>('/api/branding', signal),
    staleTime: 5 * 60_000,
  });
}

/** The logo's address for a version (the version busts caches after an upload). */
export const logoUrl = (version: string) => `/api/branding/logo?v=${encodeURIComponent(version)}`;
