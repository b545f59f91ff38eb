/** The calendars module's public server surface. */
export { registerCalendarRoutes } from './calendars.routes.ts';
export { loadCalendarSpec } from './calendars.repository.ts';
export { ensureDefaultCalendars } from './commands/ensure-default-calendars.ts';
export { runCalendarImportCommand } from './commands/run-calendar-import-command.ts';
export { importCalendarDays, type CalendarImportSummary } from './commands/import-calendar-days.ts';
export type { CalendarTables } from './calendars.tables.ts';
