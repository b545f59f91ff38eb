/** The console pages of the RMA board and detail, and the RMA parts of the case page and portal screens (each its own chunk). */
import type { ConsolePages } from '../../../web/app/lazy-page.ts';

export const rmaPages: ConsolePages = { exact: {}, patterns: [] };
