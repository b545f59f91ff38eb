/**
 * HTTP contracts of the identity module: login, the current user, passwords, staff users and
 * API tokens. Shared by the server (validation, OpenAPI) and the web client (types, forms).
 */
import { idField, idParams } from '../../platform/http/contract-fields.ts';
import { z } from 'zod';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { STAFF_ROLES } from './identity-roles.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const staffRoleSchema = z.enum(STAFF_ROLES);
export { idParams };
export const idSchema = idField;

/** Passwords: long enough to resist guessing, short enough to bound hashing cost. */
export const passwordSchema = z.string().min(10, withZh('at least 10 characters', '至少 10 个字符')).max(200);

export const loginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const meSchema = z.object({
  id: z.number(),
  kind: z.enum(['staff', 'contact']),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  locale: localeSchema,
  timeZone: z.string(),
  roles: z.array(staffRoleSchema),
  branch: z.object({ id: z.number(), name: z.string() }).nullable(),
  organisation: z.object({ id: z.number(), name: z.string() }).nullable(),
  mustChangePassword: z.boolean(),
  /** What the UI may offer this user; the server checks again on every request. */
  abilities: z.object({
    administer: z.boolean(),
    readAudit: z.boolean(),
    manageOrganisations: z.boolean(),
    useConsole: z.boolean(),
    usePortal: z.boolean(),
  }),
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({
  user: meSchema,
  /** Send back as the `x-csrf-token` header on every cookie-authenticated write. */
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const updateMeBody = z
  .object({
    locale: localeSchema,
    timeZone: z.string().min(1).max(64),
    displayName: z.string().trim().min(1).max(100),
  })
  .partial();

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

export const userSchema = z.object({
  id: z.number(),
  kind: z.enum(['staff', 'contact']),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(staffRoleSchema),
  branchId: z.number().nullable(),
  contactId: z.number().nullable(),
  organisationId: z.number().nullable(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, withZh('letters, digits and . _ @ - only', '只能包含字母、数字和 . _ @ -'));

export const createStaffUserBody = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(100),
  email: z.email().max(200).nullish(),
  phone: z.string().trim().max(40).nullish(),
  roles: z.array(staffRoleSchema).min(1),
  branchId: idSchema.nullish(),
  locale: localeSchema.default('zh-CN'),
  password: passwordSchema,
});

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    email: z.email().max(200).nullable(),
    phone: z.string().trim().max(40).nullable(),
    roles: z.array(staffRoleSchema).min(1),
    branchId: idSchema.nullable(),
    active: z.boolean(),
  })
  .partial();

export const resetPasswordBody = z.object({ newPassword: passwordSchema });

export const userListQuery = z.object({
  kind: z.enum(['staff', 'contact']).optional(),
  role: staffRoleSchema.optional(),
  q: z.string().trim().max(100).optional(),
  /** Staff of one branch (region). */
  branchId: z.coerce.number().int().positive().optional(),
  /** Portal accounts of one customer organisation's contacts. */
  organisationId: z.coerce.number().int().positive().optional(),
  active: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().positive().optional(),
});

export const apiTokenScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), role: staffRoleSchema }),
  z.object({ kind: z.literal('organisation'), organisationId: idSchema }),
]);

export const createApiTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  scope: apiTokenScopeSchema,
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
});

export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  scope: apiTokenScopeSchema,
  createdBy: z.number().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** The only response that ever carries a token's secret. */
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });

export const createContactLoginBody = z.object({
  username: usernameSchema,
  password: passwordSchema,
  locale: localeSchema.default('zh-CN'),
});
