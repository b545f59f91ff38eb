/** The console pages of the organisations admin screens (each its own chunk). */
import type { ConsolePages } from '../../../web/app/lazy-page.ts';

export const organisationsPages: ConsolePages = { exact: {}, patterns: [] };
