/** Business calendars: weekly hours, public holidays and make-up working days (调休). */
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { contextOf, requireActor } from '../../../platform/http/request-context.ts';
import {
  calendarBody,
  calendarDayBody,
  calendarDayParams,
  calendarDaySchema,
  calendarDetailSchema,
  calendarIdParams,
  calendarImportBody,
  calendarPatch,
  calendarQuery,
  calendarSchema,
} from '../calendars.api.ts';
import { localDateOf } from '../zoned-time.ts';
import { assertCanReadCalendars, assertCanWriteCalendars } from './calendars.policy.ts';
import { presentCalendar, presentCalendarDay } from './calendars.presenter.ts';
import { coverageOf, daysOfYear, findCalendar, type CalendarRow } from './calendars.repository.ts';
import { createCalendar } from './commands/create-calendar.ts';
import { updateCalendar } from './commands/update-calendar.ts';
import { setCalendarDay } from './commands/set-calendar-day.ts';
import { removeCalendarDay } from './commands/remove-calendar-day.ts';
import { importCalendarDays } from './commands/import-calendar-days.ts';

const tags = ['calendars'];

/**
 * Writes refuse a caller who may not make them before their input is read, so the answer
 * (401/403) depends on who asks, never on what was sent. The commands check again.
 */
const adminsOnly = {
  preValidation: async (request: FastifyRequest) => assertCanWriteCalendars(requireActor(request)),
};

export function registerCalendarRoutes(app: HttpServer, deps: { db: Kysely<Database>; clock?: () => Date }) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** The calendar with its coverage as of now, and its days of `year` (default: this year there). */
  async function detail(request: FastifyRequest, row: CalendarRow, year?: number) {
    const now = clock();
    const shownYear = year ?? Number(localDateOf(row.time_zone, now).slice(0, 4));
    const [coverage, days] = await Promise.all([
      coverageOf(db, [row], now),
      daysOfYear(db, row.id, shownYear),
    ]);
    return {
      ...presentCalendar(row, coverage.get(row.id)!, requireActor(request)),
      year: shownYear,
      days: days.map(presentCalendarDay),
    };
  }

  app.get('/api/calendars', {
    schema: {
      operationId: 'listCalendars',
      tags,
      summary: 'Business calendars, each with its holiday coverage',
      response: { 200: z.object({ items: z.array(calendarSchema) }) },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      assertCanReadCalendars(actor);
      const rows = await db.selectFrom('business_calendar').selectAll().orderBy('id').limit(1000).execute();
      const coverage = await coverageOf(db, rows, clock());
      return { items: rows.map((r) => presentCalendar(r, coverage.get(r.id)!, actor)) };
    },
  });

  app.get('/api/calendars/:id', {
    schema: {
      operationId: 'getCalendar',
      tags,
      summary: 'One calendar with its holidays and make-up working days of a year',
      params: calendarIdParams,
      querystring: calendarQuery,
      response: { 200: calendarDetailSchema },
    },
    handler: async (request) => {
      assertCanReadCalendars(requireActor(request));
      return detail(request, await findCalendar(db, request.params.id), request.query.year);
    },
  });

  app.post('/api/calendars', {
    ...adminsOnly,
    schema: {
      operationId: 'createCalendar',
      tags,
      summary: 'Add a calendar',
      body: calendarBody,
      response: { 201: calendarDetailSchema },
    },
    handler: async (request, reply) => {
      const row = await createCalendar({ db, ctx: contextOf(request), input: request.body });
      return reply.status(201).send(await detail(request, row));
    },
  });

  app.patch('/api/calendars/:id', {
    ...adminsOnly,
    schema: {
      operationId: 'updateCalendar',
      tags,
      summary: 'Change a calendar: names, time zone, weekly hours, make-up day hours, 7×24, active',
      params: calendarIdParams,
      body: calendarPatch,
      response: { 200: calendarDetailSchema },
    },
    handler: async (request) => {
      const row = await updateCalendar({
        db,
        ctx: contextOf(request),
        id: request.params.id,
        input: request.body,
      });
      return detail(request, row);
    },
  });

  app.put('/api/calendars/:id/days/:date', {
    ...adminsOnly,
    schema: {
      operationId: 'setCalendarDay',
      tags,
      summary: 'Make a date a public holiday or a make-up working day',
      params: calendarDayParams,
      body: calendarDayBody,
      response: { 200: calendarDaySchema },
    },
    handler: async (request) =>
      presentCalendarDay(
        await setCalendarDay({
          db,
          ctx: contextOf(request),
          calendarId: request.params.id,
          date: request.params.date,
          input: request.body,
        }),
      ),
  });

  app.delete('/api/calendars/:id/days/:date', {
    ...adminsOnly,
    schema: {
      operationId: 'removeCalendarDay',
      tags,
      summary: 'Let a date follow the weekly hours again',
      params: calendarDayParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await removeCalendarDay({
        db,
        ctx: contextOf(request),
        calendarId: request.params.id,
        date: request.params.date,
      });
      return reply.status(204).send(null);
    },
  });

  app.post('/api/calendars/:id/days/import', {
    ...adminsOnly,
    schema: {
      operationId: 'importCalendarDays',
      tags,
      summary: "Import a year's holidays and make-up working days from text (one day a line)",
      description:
        "Lines: `2027-01-01 holiday 元旦 | New Year's Day`, `2027-02-07 workday 春节调休上班`; `#` comments. " +
        'All or nothing: the first bad line is named in a 400 and nothing changes.',
      params: calendarIdParams,
      body: calendarImportBody,
      response: { 200: calendarDetailSchema },
    },
    handler: async (request) => {
      const { year, text, replace } = request.body;
      const calendarId = request.params.id;
      await importCalendarDays({ db, ctx: contextOf(request), calendarId, year, text, replace });
      return detail(request, await findCalendar(db, calendarId), year);
    },
  });
}
