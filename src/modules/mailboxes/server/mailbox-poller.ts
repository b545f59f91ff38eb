/**
 * The background loop that reads the mailboxes: every few seconds it claims a due mailbox
 * (mailbox-lease.ts: any number of processes, one poller per mailbox), polls it
 * (mailbox-poll.ts) and takes the next, until none is due. A mailbox whose server is down
 * records the error and waits longer each time; nothing here brings the process down.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { claimDueMailbox, claimMailbox } from './mailbox-lease.ts';
import { pollClaimedMailbox, type MailboxPollDeps, type PollReport } from './mailbox-poll.ts';

export class MailboxPoller {
  readonly #deps: MailboxPollDeps;
  /** This poller's name in the leases it writes. */
  readonly id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  constructor(deps: MailboxPollDeps) {
    this.#deps = deps;
  }

  /** Polls due mailboxes one after another, at most `limit`; returns how many it polled. */
  async runOnce(limit = 10): Promise<number> {
    let polled = 0;
    while (polled < limit) {
      const mailbox = await claimDueMailbox(this.#deps.db, this.id, this.#deps.clock());
      if (!mailbox) break;
      await pollClaimedMailbox(this.#deps, mailbox, this.id);
      polled += 1;
    }
    return polled;
  }

  /** Polls one mailbox now, due or not; null while another poller holds it. */
  async pollNow(mailboxId: number): Promise<PollReport | null> {
    const mailbox = await claimMailbox(this.#deps.db, mailboxId, this.id, this.#deps.clock());
    return mailbox ? pollClaimedMailbox(this.#deps, mailbox, this.id) : null;
  }
}

/** Runs the poller every few seconds (every process that runs background work); returns its stop. */
export function startMailboxPolling(
  poller: MailboxPoller,
  onError: (error: unknown) => void,
  intervalMs = 5_000,
): () => Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const tick = async () => {
    running = poller.runOnce().catch(onError);
    await running;
    running = null;
    if (timer) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 0);
  return async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    await running;
  };
}
