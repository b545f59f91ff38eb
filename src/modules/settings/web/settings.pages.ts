/** The console pages of the settings admin screens (each its own chunk). */
import type { ConsolePages } from '../../../web/app/lazy-page.ts';

export const settingsPages: ConsolePages = { exact: {}, patterns: [] };
