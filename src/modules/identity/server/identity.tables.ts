/** Row types of users, their roles, sessions and API tokens. */
import type { Generated } from 'kysely';
import type { Locale } from '../identity.api.ts';

export interface AppUserTable {
  id: Generated<number>;
  kind: 'staff' | 'contact';
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  locale: Generated<Locale>;
  time_zone: Generated<string>;
  branch_id: number | null;
  contact_id: number | null;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Date | null;
  last_login_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface UserSessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  prefix: string;
  scope_kind: 'role' | 'organisation';
  scope_role: string | null;
  scope_organisation_id: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface IdentityTables {
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
}
