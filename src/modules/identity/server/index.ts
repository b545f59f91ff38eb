/** The identity module's public server surface. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { AppConfig } from '../../../platform/config/config.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { registerUserRoutes } from './users.routes.ts';
import { registerApiTokenRoutes } from './api-tokens.routes.ts';

export { createAuthenticator } from './authenticate.ts';
export { ensureAdminUser } from './commands/ensure-admin-user.ts';
export { createStaffUser } from './commands/create-staff-user.ts';
export { createContactLogin } from './commands/create-contact-login.ts';
export { resetPassword } from './commands/reset-password.ts';
export { findUserByUsername } from './user.repository.ts';
export { generatePassword, randomSecret, sha256 } from './secrets.ts';

export function registerIdentityRoutes(app: HttpServer, deps: { db: Kysely<Database>; config: AppConfig }) {
  registerAuthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerApiTokenRoutes(app, deps);
}
