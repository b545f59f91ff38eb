/**
 * Test data for backup.test.ts, continued: two IMAP mailboxes, one polled fine (Tencent Exmail,
 * marks mail seen, UIDs taken up to the 32-bit top), one never polled successfully and failing
 * under a lease (an on-premises server, moves mail to a Chinese folder). Passwords are sealed
 * values (`v1:…`): a backup carries them as they are, never opened.
 */
import { sql } from 'kysely';
import type { AnyDb } from './backup-catalog.ts';

export async function fillMailboxSampleData(db: AnyDb): Promise<void> {
  const staff = (
    await sql<{ id: number }>`select id from app_user where kind = 'staff' order by id limit 1`.execute(db)
  ).rows[0]!.id;
  await sql`
    insert into mailbox (name, host, port, security, username, password_sealed, folder, after_processing,
      move_to_folder, active, poll_interval_seconds, next_poll_at, lease_owner, lease_until, last_polled_at,
      last_taken, last_error_problem, last_error, last_error_at, failures, uid_folder, uid_validity, last_uid,
      created_by, created_at, updated_at)
    values ('腾讯企业邮 售后', 'imap.exmail.qq.com', 993, 'tls', 'support@tac.example.cn',
            'v1:q83vEjRWeJASNFZ4.3q2-7wAAAAAAAAAAAAAAAA.8J-agOS4reaWhw', 'INBOX', 'seen', null, true, 60,
            '2026-03-10 10:01:00+08', null, null, '2026-03-10 10:00:00.123456+08', 3, null, null, null, 0,
            '["imap.exmail.qq.com",993,"support@tac.example.cn","INBOX"]', 4294967295, 4294967294, ${staff},
            '2026-03-01 09:00:00+08', '2026-03-01 09:00:00+08'),
           ('机房邮件服务器', 'mail.client.example', 143, 'starttls', 'tac\\service', 'plain-text-from-an-old-version',
            '工单/新邮件', 'move', '工单/已处理', false, 86400, '2026-03-10 12:00:00Z', 'tac-01:4242:a1b2c3',
            '2026-03-10 11:10:00.5Z', '2026-03-10 11:00:00Z', 0, 'authentication',
            'the server refused the user name or password (server: [AUTHENTICATIONFAILED] 密码错误)',
            '2026-03-10 11:00:00Z', 7, null, null, null, null, '2026-02-28 23:59:59.999999+08',
            '2026-03-10 11:00:00Z')
  `.execute(db);
}
