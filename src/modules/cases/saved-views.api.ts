/**
 * HTTP contracts of the case queue's tools: saved views (a named queue filter, private or shared)
 * and bulk assignment of several cases to one engineer.
 */
import { z } from 'zod';
import { schemaIssueZh, withZh } from '../../platform/http/schema-issue-zh.ts';
import { idField, idParams } from '../../platform/http/contract-fields.ts';
import { caseListQuery } from './cases.api.ts';

export { idParams };

/** The queue parameters a saved view may hold (paging is not part of a view). */
export const SAVED_VIEW_PARAMS = [
  'state',
  'open',
  'priority',
  'organisationId',
  'assignee',
  'group',
  'branchId',
  'channel',
  'breachingWithin',
  'q',
  'sort',
] as const;

const viewFilter = caseListQuery.pick({
  state: true,
  priority: true,
  organisationId: true,
  assignee: true,
  group: true,
  branchId: true,
  channel: true,
  breachingWithin: true,
  q: true,
  sort: true,
});

/**
 * Checks a queue query string (leading `?` allowed) and returns it normalised, or the reason it is
 * refused. Only the queue's own parameters with values the queue accepts; `open=all` is the queue
 * page's "every state" and is kept. A refusal is worded in English and, where its words are bounded
 * (not an unknown parameter's name, which the caller chooses), in zh-CN.
 */
export function checkViewQuery(
  raw: string,
): { ok: true; query: string } | { ok: false; message: string; zh?: string | undefined } {
  const params = new URLSearchParams(raw.trim().replace(/^\?/, ''));
  const known = SAVED_VIEW_PARAMS as readonly string[];
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    if (!known.includes(key)) return { ok: false, message: `unknown queue parameter "${key}"` };
    if (key === 'open') {
      if (!['true', 'false', 'all'].includes(value))
        return { ok: false, message: 'open: true, false or all', zh: 'open 应为 true、false 或 all' };
      continue;
    }
    const prior = values[key];
    if (prior === undefined) values[key] = value;
    else if (key === 'state') values[key] = [...(Array.isArray(prior) ? prior : [prior]), value];
    else return { ok: false, message: `parameter "${key}" given twice`, zh: `参数“${key}”重复` };
  }
  const parsed = viewFilter.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || 'query';
    const zh = schemaIssueZh(issue.code, issue as unknown as Record<string, unknown>, issue.message);
    return { ok: false, message: `${where}: ${issue.message}`, zh: `${where}：${zh ?? issue.message}` };
  }
  const query = params.toString();
  // Stored as the normalised (percent-encoded) text, which is what the column's limit measures.
  if (query.length > MAX_VIEW_QUERY)
    return {
      ok: false,
      message: `too long once encoded (${query.length} > ${MAX_VIEW_QUERY} characters)`,
      zh: `编码后过长（${query.length} > ${MAX_VIEW_QUERY} 个字符）`,
    };
  return { ok: true, query };
}

const MAX_VIEW_QUERY = 2000;

const viewQuery = z
  .string()
  .max(2000)
  .transform((raw, ctx) => {
    const checked = checkViewQuery(raw);
    if (checked.ok) return checked.query;
    ctx.addIssue({
      code: 'custom',
      message: checked.zh ? withZh(checked.message, checked.zh) : checked.message,
    });
    return z.NEVER;
  });
const viewName = z.string().trim().min(1, withZh('a name is needed', '请填写名称')).max(80);

export const savedViewBody = z.object({
  name: viewName,
  query: viewQuery,
  /** Listed for every staff member; dispatchers, managers and administrators only. */
  shared: z.boolean().default(false),
});

export const savedViewPatch = z
  .object({ name: viewName.optional(), query: viewQuery.optional(), shared: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.query !== undefined || b.shared !== undefined, {
    message: withZh('give name, query or shared', '请填写名称、筛选条件或共享设置'),
  });

export const savedViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  query: z.string(),
  shared: z.boolean(),
  owner: z.object({ id: z.number(), name: z.string() }),
  /** The caller's own view: they may rename, change and delete it. */
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const savedViewList = z.object({
  items: z.array(savedViewSchema),
  /** The caller may share views with everyone. */
  canShare: z.boolean(),
});

export const bulkAssignBody = z.object({
  caseIds: z.array(idField).min(1).max(100),
  assigneeId: idField,
  reason: z.string().trim().max(2000).optional(),
});

export const bulkAssignResult = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      ok: z.boolean(),
      /** Why this case was not assigned: the error code and its message. */
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
