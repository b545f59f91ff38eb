/**
 * Server state of the calendar admin screens: the calendars with their coverage, one calendar
 * with a year's holidays and make-up working days, and the writes (create, change hours, set or
 * remove a day, import a year). Types come from the zod contracts by type-only import.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../web/api/client.ts';
import type { DayKind } from '../calendar-hours.ts';
import type {
  calendarBody,
  calendarDaySchema,
  calendarDetailSchema,
  calendarPatch,
  calendarSchema,
} from '../calendars.api.ts';

export type Calendar = z.infer<typeof calendarSchema>;
export type CalendarDetail = z.infer<typeof calendarDetailSchema>;
export type CalendarDay = z.infer<typeof calendarDaySchema>;
export type CalendarInput = z.input<typeof calendarBody>;
export type CalendarChange = z.input<typeof calendarPatch>;

export const calendarsKeys = {
  all: ['calendars'] as const,
  detail: (id: number, year: number | undefined) => ['calendars', 'detail', id, year ?? 'current'] as const,
};

export function useCalendarList() {
  return useQuery({
    queryKey: calendarsKeys.all,
    queryFn: ({ signal }) => api.get<{ items: Calendar[] }>('/api/calendars', signal),
    select: (data) => data.items,
  });
}

export function useCalendar(id: number, year: number | undefined) {
  return useQuery({
    queryKey: calendarsKeys.detail(id, year),
    queryFn: ({ signal }) =>
      api.get<CalendarDetail>(`/api/calendars/${id}${year ? `?year=${year}` : ''}`, signal),
    placeholderData: keepPreviousData,
  });
}

/** A write on calendars: every calendar query (list, details of any year) refetches after it. */
function useCalendarWrite<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarsKeys.all }),
  });
}

export const useCreateCalendar = () =>
  useCalendarWrite((body: CalendarInput) => api.post<CalendarDetail>('/api/calendars', body));

export const useUpdateCalendar = (id: number) =>
  useCalendarWrite((body: CalendarChange) => api.patch<CalendarDetail>(`/api/calendars/${id}`, body));

export const useSetCalendarDay = (id: number) =>
  useCalendarWrite(
    ({ date, ...body }: { date: string; kind: DayKind; name: string | null; nameEn: string | null }) =>
      api.put<CalendarDay>(`/api/calendars/${id}/days/${date}`, body),
  );

export const useRemoveCalendarDay = (id: number) =>
  useCalendarWrite((date: string) => api.delete<void>(`/api/calendars/${id}/days/${date}`));

export const useImportCalendarDays = (id: number) =>
  useCalendarWrite((body: { year: number; text: string; replace: boolean }) =>
    api.post<CalendarDetail>(`/api/calendars/${id}/days/import`, body),
  );
