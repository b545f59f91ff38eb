/**
 * Mail that must open nothing and never be answered (RFC 3834, and what Exchange, Tencent Exmail
 * and the common auto-responders actually send): auto-replies, bulk and list mail, bounces, and
 * TACdesk's own outgoing messages coming back. Answering any of them could start a mail loop.
 */
import type { MailReasonCode } from '../mail-intake-rules.ts';
import type { ParsedInboundMail } from './parse-mail.ts';

export interface NoiseVerdict {
  code: Extract<MailReasonCode, 'auto_reply' | 'bulk' | 'bounce' | 'own_message'>;
  detail: string;
}

const DAEMONS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
// "自动回复: …", "Automatic reply: …", "Auto Reply: …", "Out of Office: …" (Exchange, Exmail, QQ).
const AUTO_REPLY_SUBJECT =
  /^\s*(自动回复|自動回覆|自动答复|auto(matic)?[ -]?reply|out of (the )?office|autoreply)\s*[:：]/i;

/** Why the mail is noise, or null when a person sent it. */
export function mailNoise(mail: ParsedInboundMail): NoiseVerdict | null {
  const { headers, noise } = mail;
  if (/^<tacdesk-[^@>]*@/i.test(mail.messageId))
    return { code: 'own_message', detail: `Message-ID ${mail.messageId}` };
  if (noise.contentType === 'multipart/report')
    return { code: 'bounce', detail: 'Content-Type: multipart/report' };
  if (headers.returnPath !== null && /^<\s*>$/.test(headers.returnPath))
    return { code: 'bounce', detail: 'Return-Path: <>' };
  if (mail.from && DAEMONS.test(mail.from.address))
    return { code: 'bounce', detail: `From: ${mail.from.address}` };
  const autoSubmitted = headers.autoSubmitted?.toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no')
    return { code: 'auto_reply', detail: `Auto-Submitted: ${headers.autoSubmitted}` };
  const precedence = headers.precedence?.toLowerCase();
  if (precedence === 'auto_reply') return { code: 'auto_reply', detail: 'Precedence: auto_reply' };
  if (precedence && ['bulk', 'junk', 'list'].includes(precedence))
    return { code: 'bulk', detail: `Precedence: ${headers.precedence}` };
  if (noise.xAutoreply) return { code: 'auto_reply', detail: `X-Autoreply: ${noise.xAutoreply}` };
  if (noise.xAutorespond) return { code: 'auto_reply', detail: `X-Autorespond: ${noise.xAutorespond}` };
  // Exchange marks its out-of-office and other automatic mail with it.
  if (noise.xAutoResponseSuppress && /\b(all|oof|autoreply)\b/i.test(noise.xAutoResponseSuppress))
    return { code: 'auto_reply', detail: `X-Auto-Response-Suppress: ${noise.xAutoResponseSuppress}` };
  if (AUTO_REPLY_SUBJECT.test(mail.subject))
    return { code: 'auto_reply', detail: `Subject: ${mail.subject}` };
  return null;
}
