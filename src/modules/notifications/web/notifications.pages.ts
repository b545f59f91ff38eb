/** The console pages of the notifications module (each its own chunk); one entry a page. */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

export const notificationsPages: ConsolePages = {
  exact: {
    '/admin/deliveries': lazyPage(() => import('./delivery-list-page.tsx').then((m) => m.DeliveryListPage)),
    '/admin/notification-channels': lazyPage(() =>
      import('./channel-settings-page.tsx').then((m) => m.ChannelSettingsPage),
    ),
    '/admin/message-templates': lazyPage(() => import('./templates-page.tsx').then((m) => m.TemplatesPage)),
  },
  patterns: [],
};
