/**
 * Outbound e-mail over SMTP (nodemailer). Headers are built by nodemailer from separate fields,
 * and subjects lose any CR/LF first, so no value can inject a header.
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Threading: the case's root id, so every mail of a case lands in one conversation. */
  references?: string;
  inReplyTo?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ providerMessageId: string }>;
  close(): void;
}

const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();

/** An SMTP mailer for `smtp://user:pass@host:port` (or smtps://); from e.g. `TACdesk <tac@example.cn>`. */
export function createSmtpMailer(opts: { url: string; from: string }): Mailer {
  const transport: Transporter = nodemailer.createTransport(opts.url);
  return {
    async send(m) {
      const info = await transport.sendMail({
        from: opts.from,
        to: oneLine(m.to),
        subject: oneLine(m.subject),
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        references: m.references,
        inReplyTo: m.inReplyTo,
      });
      return { providerMessageId: String(info.messageId ?? m.messageId) };
    },
    close: () => transport.close(),
  };
}
