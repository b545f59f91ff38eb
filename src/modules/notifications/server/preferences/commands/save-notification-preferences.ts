/**
 * A person changes their own notification preferences: switches per event group and channel, and
 * quiet hours. A mandatory message (an escalation step) cannot be switched off, a contact has no
 * SMS, a group that never goes by a channel has no switch for it: each refused naming the field,
 * nothing changed. Recorded as `notification_preferences.updated` with before and after.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../../platform/events/domain-events.ts';
import { invalidField, notFound } from '../../../../../platform/http/app-error.ts';
import type {
  EventGroup,
  notificationPreferencesInput,
  PersonalChannel,
} from '../../../notification-preferences.api.ts';
import { isAvailable, isLocked, optOutKey } from '../../../notification-preference-rules.ts';
import { preferenceProfile, writePreferences, type PreferenceProfile } from '../preferences.repository.ts';

export async function saveNotificationPreferences(o: {
  db: Kysely<Database>;
  ctx: RequestContext;
  /** The caller's own account (notificationsPolicy.preferencesOwner). */
  userId: number;
  input: z.output<typeof notificationPreferencesInput>;
  now: Date;
}): Promise<PreferenceProfile> {
  const switches = Object.entries(o.input.groups).flatMap(([group, channels]) =>
    Object.entries(channels ?? {}).map(([channel, on]) => ({
      group: group as EventGroup,
      channel: channel as PersonalChannel,
      on: on as boolean,
    })),
  );
  return inTransaction(o.db, o.ctx, async (uow) => {
    const before = await preferenceProfile(uow.trx, o.userId);
    if (!before) throw notFound('account');
    const optOuts = new Set(before.optOuts);
    for (const { group, channel, on } of switches) {
      const field = `body.groups.${group}.${channel}`;
      if (!isAvailable(before.kind, group, channel))
        throw before.kind === 'contact' && channel === 'sms'
          ? invalidField(field, 'customer contacts are notified by e-mail only', '客户联系人只接收邮件通知')
          : invalidField(
              field,
              `these messages are not sent to you by ${channel}`,
              `这类消息不会通过 ${channel} 发给您`,
            );
      if (!on && isLocked(group, channel))
        throw invalidField(
          field,
          'mandatory: an escalation step naming you is always sent',
          '不能关闭：点名通知您的升级步骤总会发送',
        );
      if (on) optOuts.delete(optOutKey(group, channel));
      else optOuts.add(optOutKey(group, channel));
    }
    const next = {
      optOuts: [...optOuts].sort(),
      quietHours: o.input.quietHours === undefined ? before.quietHours : o.input.quietHours,
    };
    await writePreferences(uow.trx, o.userId, next, o.now);
    await recordEvent(uow, {
      type: 'notification_preferences.updated',
      subjectType: 'user',
      subjectId: o.userId,
      organisationId: o.ctx.actor.kind === 'contact' ? o.ctx.actor.organisationId : null,
      before: { optOuts: before.optOuts, quietHours: before.quietHours },
      after: next,
    });
    return { ...before, ...next, updatedAt: o.now };
  });
}
