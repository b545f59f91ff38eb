/**
 * Server state of the staff-user admin screens: the user list (keyset pages, filters as the URL
 * spells them), branches for the pickers, and the writes (create, change, reset password).
 * Types come from the zod contracts by type-only import, so zod stays out of the bundle.
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../web/api/client.ts';
import { queryParams } from '../../../web/api/query-params.ts';
import type { branchSchema } from '../../branches/branches.api.ts';
import type { StaffRole } from '../identity-roles.ts';
import type { createStaffUserBody, updateUserBody, User } from '../identity.api.ts';

export type { User };
export type Branch = z.infer<typeof branchSchema>;
export type CreateUserBody = z.input<typeof createStaffUserBody>;
export type UpdateUserBody = z.input<typeof updateUserBody>;

/** The list's filters, as the URL and the API (`userListQuery`) both spell them. */
export interface UserFilter {
  q?: string;
  role?: StaffRole;
  branchId?: number;
  active?: 'true' | 'false';
}

const PAGE_SIZE = 50;

export const usersKeys = {
  all: ['users'] as const,
  list: (filter: UserFilter) => ['users', 'admin-list', filter] as const,
};

export function useUserList(filter: UserFilter) {
  return useInfiniteQuery({
    queryKey: usersKeys.list(filter),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: User[]; nextAfter: number | null }>(
        `/api/users?${queryParams({ kind: 'staff', limit: PAGE_SIZE, ...filter, after: pageParam })}`,
        signal,
      ),
    getNextPageParam: (page) => page.nextAfter ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export { useBranches } from '../../../web/app/organisation-lookups.ts';

/** A write on users; every user list is refetched after it. */
function useUserWrite<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

export const useCreateUser = () => useUserWrite((body: CreateUserBody) => api.post<User>('/api/users', body));

export const useUpdateUser = () =>
  useUserWrite(({ id, body }: { id: number; body: UpdateUserBody }) =>
    api.patch<User>(`/api/users/${id}`, body),
  );

export const useResetPassword = () =>
  useUserWrite(({ id, newPassword }: { id: number; newPassword: string }) =>
    api.post<void>(`/api/users/${id}/reset-password`, { newPassword }),
  );
