/**
 * A schema (zod) issue in zh-CN words, as a service desk reads them: "必填", "最多 100 个字符",
 * "应为以下之一：…". zod's own zh-CN locale speaks to developers ("数值过大：期望 string <=100"),
 * and English stays zod's. A schema's own message is worded where it was given (`withZh`);
 * without one the English is shown.
 */
type Params = Record<string, unknown>;

/** English messages given in schemas (refine, regex, custom) → their zh-CN wording. */
const GIVEN = new Map<string, string>();

/**
 * A schema's own message in both languages: returns `en` to hand to zod (`.regex(re, withZh(…))`,
 * `.refine(ok, withZh(…))`) and remembers `zh` for the answer's zh-CN `text`.
 */
export function withZh(en: string, zh: string): string {
  GIVEN.set(en, zh);
  return en;
}

const TYPE_WORDS: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  date: '日期',
};

const FORMAT_WORDS: Record<string, string> = {
  email: '电子邮箱地址',
  url: '网址',
  uuid: 'UUID',
  datetime: '日期时间（ISO 8601）',
  date: '日期（YYYY-MM-DD）',
  time: '时间（HH:MM）',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  e164: '国际格式的电话号码（如 +8613800000000）',
};

const listed = (values: unknown): string =>
  Array.isArray(values) ? values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、') : '';

function sizeWords(params: Params, bound: 'minimum' | 'maximum'): string | null {
  const n = params[bound];
  const limit = typeof n === 'number' || typeof n === 'bigint' ? String(n) : null;
  if (limit === null) return null;
  const inclusive = params.inclusive !== false;
  const least = bound === 'minimum';
  switch (params.origin) {
    case 'string':
      if (least && limit === '1') return '不能为空';
      return `${least ? '至少' : '最多'} ${limit} 个字符`;
    case 'array':
    case 'set':
      if (least && limit === '1') return '至少选一项';
      return `${least ? '至少' : '最多'} ${limit} 项`;
    case 'file':
      return `${least ? '不能小于' : '不能超过'} ${limit} 字节`;
    default:
      if (least) return inclusive ? `不能小于 ${limit}` : `须大于 ${limit}`;
      return inclusive ? `不能大于 ${limit}` : `须小于 ${limit}`;
  }
}

/** The zh-CN wording of one issue (`code` and its parameters), or null to keep the English. */
export function schemaIssueZh(code: string, params: Params, english: string): string | null {
  const given = GIVEN.get(english);
  if (given !== undefined) return given;
  // A custom issue may carry its own wording: `ctx.addIssue({ code: 'custom', message, params: { zh } })`.
  const own = (params.params as { zh?: unknown } | undefined)?.zh;
  if (typeof own === 'string') return own;
  switch (code) {
    case 'invalid_type': {
      // The issue no longer holds the input; zod's English names what it received.
      if (/received (undefined|null)\b/.test(english)) return '必填';
      const expected = typeof params.expected === 'string' ? params.expected : '';
      return `应为${TYPE_WORDS[expected] ?? expected}`;
    }
    case 'too_small':
      return sizeWords(params, 'minimum');
    case 'too_big':
      return sizeWords(params, 'maximum');
    case 'invalid_format': {
      const format = typeof params.format === 'string' ? params.format : '';
      const word = FORMAT_WORDS[format];
      return word ? `应为${word}` : '格式不正确';
    }
    case 'invalid_value':
      return `应为以下之一：${listed(params.values)}`;
    case 'unrecognized_keys':
      return `不认识的字段：${listed(params.keys)}`;
    case 'not_multiple_of':
      return `须为 ${String(params.divisor)} 的倍数`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return '此项无效';
    default:
      return null;
  }
}
