/**
 * Access rules of inbound mail: intake staff (hotline operators, duty engineers) and administrators
 * read the received mail and settle the quarantine; nobody else, and never a customer (403). The
 * mail-gate takes an administrator's or hotline operator's credentials; its JSON-bodied walk call
 * is refused as the wrong media type (415) after the caller passed. The MTA path is in test/mail-intake.
 */
import { Client } from '../../harness/test-app.ts';
import { next, roles, type RuleSet } from '../access-rules.ts';

const intake = roles('admin', 'hotline_operator', 'duty_engineer');

export const mailIntakeRules: RuleSet = {
  async setup({ t, admin }) {
    const token = await admin.post('/api/api-tokens', {
      name: `mta ${next()}`,
      scope: { kind: 'role', role: 'admin' },
    });
    const mta = new Client(t.app);
    mta.bearer = token.json().token;
    const raw = [
      'From: "巡检" <walker@unknown.example.cn>',
      'To: support@tacdesk.example.cn',
      'Subject: =?UTF-8?B?' + Buffer.from('巡检邮件').toString('base64') + '?=',
      `Message-ID: <walk-${next()}@unknown.example.cn>`,
      'Content-Type: multipart/mixed; boundary="walk"',
      '',
      '--walk',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      '巡检',
      '--walk',
      'Content-Type: text/plain; name="walk.log"',
      'Content-Disposition: attachment; filename="walk.log"',
      '',
      'walk log line',
      '--walk--',
      '',
    ].join('\r\n');
    const res = await mta.request('POST', '/api/mail/inbound', raw, { 'content-type': 'message/rfc822' });
    const mail = res.json().inboundMailId as number;
    const detail = await admin.get(`/api/inbound-mail/${mail}`);
    return { inboundMail: mail, inboundMailAttachment: detail.json().attachments[0].id };
  },
  rules: {
    ingestMail: { expect: roles('admin', 'hotline_operator') },
    listInboundMail: { expect: intake, query: () => 'state=quarantined' },
    getInboundMail: { expect: intake, id: (t) => t.inboundMail! },
    downloadInboundMailRaw: { expect: intake, id: (t) => t.inboundMail! },
    downloadInboundMailAttachment: { expect: intake, id: (t) => t.inboundMailAttachment! },
    acceptInboundMail: {
      expect: intake,
      id: (t) => t.inboundMail!,
      body: (t) => ({ as: 'case', organisationId: t.orgA, createContact: true }),
    },
    rejectInboundMail: { expect: intake, id: (t) => t.inboundMail!, body: () => ({ reason: '巡检' }) },
  },
};
