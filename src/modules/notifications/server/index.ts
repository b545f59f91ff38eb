/** The notifications module's public server surface. */
export { writeDeliveries } from './delivery-rules.ts';
export { DeliverySender, startDeliveryLoop } from './delivery-sender.ts';
export { registerDeliveryRoutes } from './deliveries.routes.ts';
export { registerChannelSettingsRoutes } from './channels/channel-settings.routes.ts';
export { registerPreferenceRoutes } from './preferences/preferences.routes.ts';
export { registerMessageTemplateRoutes } from './templates/message-templates.routes.ts';
export type { NotificationTables } from './notifications.tables.ts';
