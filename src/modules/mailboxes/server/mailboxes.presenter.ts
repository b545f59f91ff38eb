/** Mailboxes as the API shows them: settings and poll status, never the password. */
import type { MailboxView } from '../mailboxes.api.ts';
import type { MailboxRow } from './mailboxes.repository.ts';

export function presentMailbox(row: MailboxRow, now: Date): MailboxView {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
    hasPassword: row.password_sealed !== '',
    folder: row.folder,
    afterProcessing: row.after_processing,
    moveToFolder: row.move_to_folder,
    active: row.active,
    pollIntervalSeconds: row.poll_interval_seconds,
    status: {
      lastPolledAt: row.last_polled_at?.toISOString() ?? null,
      lastTaken: row.last_taken,
      lastError:
        row.last_error_problem && row.last_error_at
          ? {
              problem: row.last_error_problem,
              message: row.last_error ?? '',
              at: row.last_error_at.toISOString(),
            }
          : null,
      failures: row.failures,
      nextPollAt: row.next_poll_at.toISOString(),
      polling: row.lease_until !== null && row.lease_until > now,
    },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
