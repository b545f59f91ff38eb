/** Field schemas every module's contracts share, so an id or a code means the same everywhere. */
import { z } from 'zod';
import { withZh } from './schema-issue-zh.ts';

/** A database id in a path or query string. */
export const idField = z.coerce.number().int().positive();

/** `/:id` path parameters. */
export const idParams = z.object({ id: idField });

/** A short stable code (branch, service level, calendar, group): letters, digits, _ and -. */
export const codeField = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, withZh('letters, digits, _ and - only', '只能包含字母、数字、_ 和 -'));
