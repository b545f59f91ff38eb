/** The console pages of the identity admin screens (each its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

const adminHomePage = lazyPage(() => import('./admin-home-page.tsx').then((m) => m.AdminHomePage));
const userListPage = lazyPage(() => import('./user-list-page.tsx').then((m) => m.UserListPage));

export const identityPages: ConsolePages = {
  exact: { '/admin': adminHomePage, '/admin/users': userListPage },
  patterns: [],
};
