/** The console pages of the identity admin screens (each its own chunk). */
import type { ConsolePages } from '../../../web/app/lazy-page.ts';

export const identityPages: ConsolePages = { exact: {}, patterns: [] };
