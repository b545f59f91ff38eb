/** The console pages of the spare stores, stock and purchase order screens (each its own chunk). */
import type { ConsolePages } from '../../../web/app/lazy-page.ts';

export const sparesPages: ConsolePages = { exact: {}, patterns: [] };
