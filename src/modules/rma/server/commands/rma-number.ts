/** RMA numbers `RMA-2026-000042`: the year the request was made (Beijing time) and the row id. */
import { dateTimeFormat } from '../../../../platform/time/date-format.ts';

export function rmaYear(at: Date, timeZone = 'Asia/Shanghai'): number {
  return Number(dateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
}
