/**
 * The group robots' own limits, as data: WeCom and DingTalk accept 20 messages a minute per
 * robot, Feishu 100 a minute and 5 a second. The outbox keeps below them: a message that would
 * pass the minute limit is folded into a digest (see channel-dispatcher.ts); one that would
 * pass the second limit waits for the next second. Counting is over the robot's sent rows, so
 * every process sees the same window.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { DeliveryChannel } from '../notifications.tables.ts';

export interface RobotLimit {
  perMinute: number;
  perSecond?: number;
}

export const ROBOT_LIMITS: Partial<Record<DeliveryChannel, RobotLimit>> = {
  wecom: { perMinute: 20 },
  dingtalk: { perMinute: 20 },
  feishu: { perMinute: 100, perSecond: 5 },
};

export type Admission = { ok: true } | { ok: false; window: 'minute' | 'second'; freeAt: Date };

/**
 * Whether one more message may go now, given the send times of the last minute (ascending).
 * When not, `freeAt` is when the oldest send that fills the window leaves it.
 */
export function admit(limit: RobotLimit, sent: readonly Date[], now: Date): Admission {
  const t = now.getTime();
  const lastMinute = sent.filter((d) => d.getTime() > t - 60_000);
  if (lastMinute.length >= limit.perMinute)
    return {
      ok: false,
      window: 'minute',
      freeAt: new Date(lastMinute[lastMinute.length - limit.perMinute]!.getTime() + 60_000),
    };
  if (limit.perSecond !== undefined) {
    const lastSecond = lastMinute.filter((d) => d.getTime() > t - 1_000);
    if (lastSecond.length >= limit.perSecond)
      return {
        ok: false,
        window: 'second',
        freeAt: new Date(lastSecond[lastSecond.length - limit.perSecond]!.getTime() + 1_000),
      };
  }
  return { ok: true };
}

/** Send times of a robot's messages in the minute before `now`, oldest first. */
export async function recentSends(
  db: Kysely<Database>,
  channel: DeliveryChannel,
  recipient: string,
  now: Date,
): Promise<Date[]> {
  const rows = await db
    .selectFrom('delivery')
    .select('sent_at')
    .where('channel', '=', channel)
    .where('recipient', '=', recipient)
    .where('status', '=', 'sent')
    .where('sent_at', '>', new Date(now.getTime() - 60_000))
    .orderBy('sent_at')
    .execute();
  return rows.map((r) => r.sent_at!);
}
