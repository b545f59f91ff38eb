/** The console pages of the service contract screens (each its own chunk). */
import type { ConsolePages } from '../../../web/app/lazy-page.ts';

export const contractsPages: ConsolePages = { exact: {}, patterns: [] };
