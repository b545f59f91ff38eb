/**
 * Inbound mail as data: who works received mail, the states a received message can end in, the
 * outcomes the ingest answers, and the closed set of reason codes with their zh-CN and English
 * labels (shared by the server, the CLI and the quarantine screen).
 */
import type { StaffRole } from '../identity/identity-roles.ts';

/**
 * Who reads received mail and settles the quarantine: the people who take intake (hotline
 * operators, duty engineers) and administrators. The server's policy and the console's menu both
 * read it, so the menu offers the quarantine exactly to those the API answers.
 */
export const MAIL_INTAKE_ROLES: readonly StaffRole[] = ['admin', 'hotline_operator', 'duty_engineer'];

/** Who may feed mail in through the mail-gate (an MTA's pipe holds such a person's API token). */
export const MAIL_GATE_ROLES: readonly StaffRole[] = ['admin', 'hotline_operator'];

/** What a received message became. `accepted`: an operator took it out of quarantine. */
export const INBOUND_MAIL_STATES = [
  'opened',
  'replied',
  'quarantined',
  'accepted',
  'rejected',
  'ignored',
] as const;
export type InboundMailState = (typeof INBOUND_MAIL_STATES)[number];

/** What one ingest answers: a state it recorded, or `duplicate` (seen before, nothing written). */
export const MAIL_INGEST_OUTCOMES = [
  'opened',
  'replied',
  'quarantined',
  'rejected',
  'ignored',
  'duplicate',
] as const;
export type MailIngestOutcome = (typeof MAIL_INGEST_OUTCOMES)[number];

type Label = { 'zh-CN': string; en: string };

/** Why a message was quarantined, ignored or rejected, and what the operator sees. */
export const MAIL_REASONS = {
  // Quarantined: a person decides.
  unknown_sender: { 'zh-CN': '发件人不是已知联系人', en: 'Sender is not a known contact' },
  ambiguous_sender: {
    'zh-CN': '发件人地址属于多个客户',
    en: 'Sender address belongs to several customers',
  },
  inactive_organisation: { 'zh-CN': '发件人所属客户已停用', en: "Sender's customer is inactive" },
  not_case_party: {
    'zh-CN': '回复人不是该案例客户的联系人',
    en: "Reply from someone outside the case's customer",
  },
  case_closed: {
    'zh-CN': '回复的案例已关闭或已取消',
    en: 'Reply to a closed or cancelled case',
  },
  case_refused: { 'zh-CN': '无法建立案例', en: 'The case could not be opened' },
  flood: { 'zh-CN': '同一发件人短时间内邮件过多', en: 'Too many mails from one sender' },
  no_sender: { 'zh-CN': '没有发件人地址', en: 'No sender address' },
  // Ignored: automatic mail that must neither open a case nor be answered.
  auto_reply: { 'zh-CN': '自动回复', en: 'Automatic reply' },
  bulk: { 'zh-CN': '群发或邮件列表', en: 'Bulk or mailing-list mail' },
  bounce: { 'zh-CN': '退信', en: 'Bounce (delivery status notification)' },
  own_message: { 'zh-CN': '本系统发出的邮件', en: 'A message TACdesk sent itself' },
  // Rejected: unusable input, or an operator's decision.
  too_large: { 'zh-CN': '邮件过大', en: 'Message too large' },
  unparsable: { 'zh-CN': '邮件无法解析', en: 'Message could not be parsed' },
  unstorable: { 'zh-CN': '原始邮件无法保存', en: 'The original message could not be stored' },
  operator: { 'zh-CN': '操作员拒收', en: 'Rejected by an operator' },
} as const satisfies Record<string, Label>;

export type MailReasonCode = keyof typeof MAIL_REASONS;
export const MAIL_REASON_CODES = Object.keys(MAIL_REASONS) as [MailReasonCode, ...MailReasonCode[]];
