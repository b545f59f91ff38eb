/**
 * The words an alert puts on a case, in both UI languages: its title and description, and the
 * timeline notes when it fires again or recovers. Pure.
 */

/** One alert, whatever the monitoring system: the fields a case is written from. */
export interface AlertText {
  name: string;
  severity: string | null;
  device: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date | null;
  link: string | null;
  sourceName: string;
}

const TITLE_MAX = 200;

/** `[告警 Alert] HighCPU @ core-sw-01`: one line, at most 200 characters. */
export function alertCaseTitle(a: Pick<AlertText, 'name' | 'device'>): string {
  const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();
  const title = `[告警 Alert] ${oneLine(a.name)}${a.device ? ` @ ${oneLine(a.device)}` : ''}`;
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

const DESCRIPTION_MAX = 20_000;

/** Summary and description annotations first, then every label, the start and the link. */
export function alertCaseDescription(a: AlertText): string {
  const lines: string[] = [];
  const summary = a.annotations.summary?.trim();
  const description = (a.annotations.description ?? a.annotations.message)?.trim();
  if (summary) lines.push(summary);
  if (description && description !== summary) lines.push(description);
  if (lines.length === 0) lines.push(a.name);
  lines.push('');
  lines.push(`来源 / Source: ${a.sourceName}`);
  if (a.severity) lines.push(`级别 / Severity: ${a.severity}`);
  if (a.startsAt) lines.push(`开始时间 / Started: ${a.startsAt.toISOString()}`);
  if (a.link) lines.push(`链接 / Link: ${a.link}`);
  const labels = Object.entries(a.labels).sort(([x], [y]) => x.localeCompare(y));
  if (labels.length > 0) {
    lines.push('');
    lines.push('标签 / Labels:');
    for (const [k, v] of labels) lines.push(`  ${k} = ${v}`);
  }
  const text = lines.join('\n');
  return text.length > DESCRIPTION_MAX ? `${text.slice(0, DESCRIPTION_MAX - 1)}…` : text;
}

/** The internal note when the same problem fires again on an open case; `count` firings so far. */
export function firedAgainNote(count: number, startsAt: Date | null): string {
  const when = startsAt ? ` ${startsAt.toISOString()}` : '';
  return `告警再次触发（第 ${count} 次）/ Alert fired again (${count} times)${when}`;
}

/** The internal note when the alert recovers; says whether the case was resolved with it. */
export function resolvedNote(autoResolved: boolean, endsAt: Date | null): string {
  const when = endsAt ? ` ${endsAt.toISOString()}` : '';
  return autoResolved
    ? `告警已恢复，案例已自动解决 / Alert resolved; the case was resolved automatically${when}`
    : `告警已恢复 / Alert resolved${when}`;
}
