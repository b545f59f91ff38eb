/**
 * Test data for backup.test.ts, continued: received mail — one that opened a case (GBK subject
 * decoded, an inline image and a PDF kept, one executable skipped), one in quarantine from an
 * unknown sender, an ignored auto-reply, and a rejected oversize message with no original kept.
 * Runs after the service samples (it needs a case).
 */
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './backup-catalog.ts';

export async function fillMailSampleData(db: AnyDb): Promise<void> {
  const ids = async (query: RawBuilder<{ id: number }>) => (await query.execute(db)).rows.map((r) => r.id);
  const one = async (query: RawBuilder<{ id: number }>) => (await ids(query))[0]!;
  const supportCase = await one(sql`select id from support_case order by id limit 1`);
  const org = await one(sql`select organisation_id as id from support_case where id = ${supportCase}`);
  const staff = await one(sql`select id from app_user where kind = 'staff' order by id limit 1`);
  const [opened] = await ids(sql`
    insert into inbound_mail (message_id, source, mailbox_id, imap_uid, from_address, from_name, to_addresses,
      cc_addresses, reply_to, subject, sent_at, received_at, state, reason_code, reason, case_id, organisation_id,
      raw_sha256, raw_gzip, raw_size, text_body, html_body, headers, settled_by, settled_at, settle_note)
    values ('<202603161645102345678@customer-a.example.cn>', 'imap', 3, 4294967295, 'zhang.wei@icbc.example.cn',
            '张伟', '[{"address": "support@tacdesk.example.cn", "name": null}]', '[]',
            '[{"address": "it@icbc.example.cn", "name": "信息科技部"}]', '服务器宕机截图及巡检报告',
            '2026-03-16 16:45:10+08', '2026-03-16 16:45:12.25+08', 'opened', null, null, ${supportCase}, ${org},
            'ab1c3f9e0d2b4a6c8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d', false, 30211,
            E'服务器 RH2288 V3 宕机。\\n巡检报告见附件。', '<p>服务器宕机</p><img src="/api/inbound-mail/attachments/1/download">',
            '{"inReplyTo": null, "references": [], "autoSubmitted": null, "precedence": null,
              "returnPath": "<zhang.wei@icbc.example.cn>", "mailer": "Foxmail 7.2.25.228[cn]"}', null, null, null),
           ('<5a1b2c3d.4e5f.18e5b6c7d8e.Coremail.lina_it@163.com>', 'pipe', null, null, 'lina_it@163.com', null,
            '[]', '[]', '[]', '咨询：路由器保修期查询', null, '2026-03-20 19:05:01+08', 'accepted', 'unknown_sender',
            'lina_it@163.com is not the e-mail of any contact', ${supportCase}, ${org},
            'cd2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e', true, 512, '想查保修期。', null,
            '{"inReplyTo": "<x@y>", "references": ["<a@b>", "<c@d>"], "autoSubmitted": "no", "precedence": null,
              "returnPath": null, "mailer": null}', ${staff}, '2026-03-20 20:00:00.5+08', null),
           ('<autoreply_0001@exmail.qq.com>', 'imap', 3, 17, 'zhang.wei@icbc.example.cn', '张伟', '[]', '[]', '[]',
            '自动回复: 工单已受理', '2026-03-17 08:31:00+08', '2026-03-17 08:31:02+08', 'ignored', 'auto_reply',
            'Auto-Submitted: auto-replied', null, null, 'ef3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a',
            false, 480, '我正在休假。', null, '{"inReplyTo": null, "references": [], "autoSubmitted": "auto-replied",
              "precedence": null, "returnPath": null, "mailer": null}', null, null, null),
           ('<1f2e3d4c5b6a79880f1e2d3c4b5a69788f9e0d1c2b3a49586f7e8d9c0b1a2f3e@tacdesk.invalid>', 'pipe', null, null,
            null, null, '[]', '[]', '[]', '', null, '2026-03-21 03:00:00-05', 'rejected', 'too_large',
            '41943040 bytes; at most 31457280 are accepted', null, null, null, false, 41943040, '', null,
            '{"inReplyTo": null, "references": [], "autoSubmitted": null, "precedence": null, "returnPath": null,
              "mailer": null}', null, null, null)
    returning id`);
  await sql`
    insert into inbound_mail_attachment (inbound_mail_id, position, file_name, media_type, extension, size, sha256,
      skipped, content_id, inline)
    values (${opened}, 0, 'screenshot.png', 'image/png', 'png', 70,
            '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9', null, 'screenshot01@foxmail', true),
           (${opened}, 1, '巡检报告.pdf', 'application/pdf', 'pdf', 142,
            '1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a', null, null, false),
           (${opened}, 2, 'setup.exe', 'application/octet-stream', '', 132, null,
            '.exe files are not accepted', null, false)`.execute(db);
}
