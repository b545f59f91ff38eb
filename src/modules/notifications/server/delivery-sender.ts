/**
 * Sends the outbox after commit. Claims due rows with SKIP LOCKED (any number of processes),
 * marks them `sending` with a lease, sends outside any transaction, then records the outcome:
 * sent; retried with backoff; or dead after the last attempt. A process that dies mid-send
 * leaves the row `sending` until its lease ends, then it is sent again (at least once; the
 * Message-ID stays the same, so mail clients show one message). A message inside its recipient's
 * quiet hours is put back until they end. E-mail is sent here, in the administrators' wording when
 * they edited the template, through the SMTP server of the administrators' settings or else the
 * environment's (smtp/smtp-mailer-source.ts: a saved change applies at the next batch); SMS, group
 * robots and webhooks go through the channel registry (channels/channel-dispatcher.ts).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { Mailer, MailMessage } from '../../../platform/mail/mailer.ts';
import { renderMail, type MessageData } from '../mail-templates.ts';
import type { DeliveryTable } from './notifications.tables.ts';
import { ChannelDispatcher } from './channels/channel-dispatcher.ts';
import { markFailed, markSent } from './channels/delivery-outcome.ts';
import { ChannelError } from './channels/channel-http.ts';
import { holdForQuietHours } from './preferences/apply-preferences.ts';
import { loadTemplateOverrides, type TemplateOverrides } from './templates/template-overrides.ts';
import { SmtpMailerSource, type MailerChoice } from './smtp/smtp-mailer-source.ts';
import { smtpChannelError } from './smtp/smtp-problem.ts';

const LEASE_MINUTES = 10;

export interface DeliverySenderOptions {
  db: Kysely<Database>;
  /**
   * The environment's mailer (TACDESK_SMTP_URL), used while administrators have saved no SMTP
   * settings. Without either, e-mails are held in the outbox, visible to administrators.
   */
  mailer: Mailer | null;
  publicUrl: string;
  clock?: () => Date;
}

type Row = Selectable<DeliveryTable>;

export class DeliverySender {
  readonly #o: DeliverySenderOptions;
  readonly #host: string;
  /** SMS, group robots and webhooks (channels/). */
  readonly #channels: ChannelDispatcher;
  readonly #mailers: SmtpMailerSource;
  constructor(o: DeliverySenderOptions) {
    this.#o = o;
    this.#host = new URL(o.publicUrl).hostname || 'tacdesk';
    this.#channels = new ChannelDispatcher({ db: o.db, publicUrl: o.publicUrl });
    this.#mailers = new SmtpMailerSource({ db: o.db, envMailer: o.mailer });
  }

  /** Closes the transport made from the administrators' settings. */
  close(): void {
    this.#mailers.close();
  }

  /** Claims and sends one batch; returns how many rows it handled. */
  async runOnce(limit = 20): Promise<number> {
    // The database's clock decides what is due (it also stamps the rows); a test may inject one.
    const now = this.#o.clock ? sql`${this.#o.clock()}::timestamptz` : sql`now()`;
    const claimed = await sql<Row>`
      update delivery set status = 'sending', attempts = attempts + 1,
        next_attempt_at = ${now} + make_interval(mins => ${LEASE_MINUTES})
      where id in (
        select id from delivery
        where status in ('pending', 'sending') and next_attempt_at <= ${now}
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked
      )
      returning *`.execute(this.#o.db);
    if (claimed.rows.length === 0) return 0;
    // Inside a recipient's quiet hours a message waits for their end (a P1 case's goes at once).
    const due = await holdForQuietHours(this.#o.db, claimed.rows, this.#o.clock?.() ?? new Date());
    const overrides = await loadTemplateOverrides(this.#o.db);
    const mails = due.filter((row) => row.channel === 'email');
    const mailer = mails.length ? await this.#mailers.current() : null;
    for (const row of mails) await this.#deliver(row, mailer!, this.#o.clock?.() ?? new Date(), overrides);
    const others = due.filter((row) => row.channel !== 'email');
    if (others.length) await this.#channels.deliver(others, this.#o.clock?.() ?? new Date(), overrides);
    return claimed.rows.length;
  }

  async #deliver(row: Row, choice: MailerChoice, now: Date, overrides: TemplateOverrides): Promise<void> {
    const db = this.#o.db;
    if (!choice.mailer) {
      const held = new ChannelError(choice.reason, { retry: false, held: true, problem: choice.problem });
      return markFailed(db, row, now, held);
    }
    let message: MailMessage;
    try {
      message = this.#mailFor(row, overrides);
    } catch (error) {
      // The message could not be made (a template): kept in its own words.
      return markFailed(db, row, now, error);
    }
    let providerMessageId: string;
    try {
      ({ providerMessageId } = await choice.mailer.send(message));
    } catch (error) {
      // An SMTP failure is retried with the backoff like any channel's, dead after the last attempt.
      return markFailed(db, row, now, smtpChannelError(error));
    }
    await markSent(db, row, now, providerMessageId);
  }

  /** The outbox row as a mail, threaded under its case (or other record). */
  #mailFor(row: Row, overrides: TemplateOverrides): MailMessage {
    // `thread`: a mail about a record other than a case (contract-7, purchase-order-3).
    const data = row.payload as unknown as MessageData & {
      caseId?: number;
      thread?: string;
      linkPath: string;
    };
    const mail = renderMail(
      row.template,
      row.locale,
      { ...data, link: new URL(data.linkPath, this.#o.publicUrl).toString() },
      overrides('email', row.template, row.locale),
    );
    const thread = `<tacdesk-${data.thread ?? `case-${data.caseId}`}@${this.#host}>`;
    return {
      to: row.recipient,
      ...mail,
      messageId: `<tacdesk-delivery-${row.id}@${this.#host}>`,
      references: thread,
      inReplyTo: thread,
    };
  }
}

/** Polls the outbox every few seconds (every process that runs background work). */
export function startDeliveryLoop(
  sender: DeliverySender,
  onError: (error: unknown) => void,
  intervalMs = 2_000,
): () => Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const tick = async () => {
    running = sender.runOnce().catch(onError);
    const handled = await running;
    running = null;
    if (timer) timer = setTimeout(tick, handled === 20 ? 0 : intervalMs);
  };
  timer = setTimeout(tick, 0);
  return async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    await running;
    sender.close();
  };
}
