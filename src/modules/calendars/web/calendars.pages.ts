/** The console pages of the calendars admin screens (each its own chunk). */
import type { ConsolePages } from '../../../web/app/lazy-page.ts';

export const calendarsPages: ConsolePages = { exact: {}, patterns: [] };
