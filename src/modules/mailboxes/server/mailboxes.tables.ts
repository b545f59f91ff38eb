/** Row types of the IMAP mailboxes TACdesk polls. */
import type { Generated } from 'kysely';
import type { MailboxProblem, MailboxSecurity } from '../mailboxes.api.ts';

export interface MailboxTable {
  id: Generated<number>;
  name: string;
  host: string;
  port: number;
  security: MailboxSecurity;
  username: string;
  /** Sealed with the installation's secret key (platform/crypto/secret-box.ts), never plaintext. */
  password_sealed: string;
  folder: Generated<string>;
  after_processing: 'seen' | 'move';
  move_to_folder: string | null;
  active: Generated<boolean>;
  poll_interval_seconds: number;
  /** Due time of the next poll: interval after a success, longer after failures in a row. */
  next_poll_at: Date;
  /** The poller holding the mailbox, and until when (a dead process's lease runs out). */
  lease_owner: string | null;
  lease_until: Date | null;
  last_polled_at: Date | null;
  last_taken: number | null;
  last_error_problem: MailboxProblem | null;
  last_error: string | null;
  last_error_at: Date | null;
  failures: Generated<number>;
  /**
   * Where polling stands (all three set, or none before the first poll): the server account and
   * folder (`uidFolderKey`), its UIDVALIDITY, and the highest UID whose ingest committed.
   */
  uid_folder: string | null;
  uid_validity: number | null;
  last_uid: number | null;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface MailboxTables {
  mailbox: MailboxTable;
}
