/** The console pages of the installed base (product models, assets, import/export, history) screens (each its own chunk). */
import type { ConsolePages } from '../../../web/app/lazy-page.ts';

export const assetsPages: ConsolePages = { exact: {}, patterns: [] };
