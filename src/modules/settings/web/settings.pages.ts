/** The console page of the installation settings (its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

const settingsPage = lazyPage(() => import('./settings-page.tsx').then((m) => m.SettingsPage));

export const settingsPages: ConsolePages = { exact: { '/admin/settings': settingsPage }, patterns: [] };
