/**
 * Server state of the service-level admin screens: one service level, its escalation matrix
 * (the level's own or seed 001's default), and the writes (create, change targets, replace the
 * matrix). The list and calendars come from contracts.queries.ts (shared cache keys).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../web/api/client.ts';
import { queryParams } from '../../../web/api/query-params.ts';
import type { actionSchema, matrixSchema, matrixStepSchema } from '../../sla/sla.api.ts';
import type { serviceLevelBody, serviceLevelPatch } from '../contracts.api.ts';
import type { ServiceLevel } from './contracts.queries.ts';

export type EscalationMatrix = z.infer<typeof matrixSchema>;
export type MatrixStep = z.infer<typeof matrixStepSchema>;
export type EscalationAction = z.infer<typeof actionSchema>;
export type ServiceLevelInput = z.input<typeof serviceLevelBody>;
export type ServiceLevelChange = z.input<typeof serviceLevelPatch>;
/** A target as the forms hold it (numbers, pause flag set). */
export type TargetInput = z.output<typeof serviceLevelBody>['targets'][number];

export const serviceLevelKeys = {
  all: ['service-levels'] as const,
  detail: (id: number) => ['service-levels', 'detail', id] as const,
  matrix: (id: number) => ['service-levels', 'matrix', id] as const,
};

export function useServiceLevel(id: number) {
  return useQuery({
    queryKey: serviceLevelKeys.detail(id),
    queryFn: ({ signal }) => api.get<ServiceLevel>(`/api/service-levels/${id}`, signal),
  });
}

export function useEscalationMatrix(serviceLevelId: number) {
  return useQuery({
    queryKey: serviceLevelKeys.matrix(serviceLevelId),
    queryFn: ({ signal }) =>
      api.get<EscalationMatrix>(`/api/escalation-matrix?${queryParams({ serviceLevelId })}`, signal),
  });
}

/** A write on service levels: the list, details and matrices refetch after it. */
function useLevelWrite<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceLevelKeys.all }),
  });
}

export const useCreateServiceLevel = () =>
  useLevelWrite((body: ServiceLevelInput) => api.post<ServiceLevel>('/api/service-levels', body));

export const useUpdateServiceLevel = (id: number) =>
  useLevelWrite((body: ServiceLevelChange) => api.patch<ServiceLevel>(`/api/service-levels/${id}`, body));

/** Replaces the level's matrix; an empty list goes back to the default (seed 001). */
export const useSaveEscalationMatrix = (id: number) =>
  useLevelWrite((steps: MatrixStep[]) =>
    api.put<EscalationMatrix>(`/api/service-levels/${id}/escalation-matrix`, { steps }),
  );
