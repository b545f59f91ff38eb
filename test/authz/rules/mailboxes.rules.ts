/**
 * Access rules of the IMAP mailboxes: administrators only. Everybody else, staff and customers
 * (own or foreign organisation) alike, gets 403; an anonymous caller 401. The walk's mailbox
 * points at a port nothing listens on, so "test" and "poll" answer fast with a recorded problem.
 */
import { next, roles, type RuleSet } from '../access-rules.ts';

const admins = roles('admin');
const settings = () => ({
  host: '127.0.0.1',
  port: 9,
  security: 'none',
  username: 'walk',
  password: 'walk-password',
});

export const mailboxRules: RuleSet = {
  async setup({ admin }) {
    const made = async () =>
      (await admin.post('/api/mailboxes', { name: `巡检邮箱 ${next()}`, ...settings() })).json().id;
    // The administrator's delete succeeds: it gets a mailbox of its own.
    return { mailbox: await made(), mailboxToDelete: await made() };
  },
  rules: {
    listMailboxes: { expect: admins },
    createMailbox: { expect: admins, body: () => ({ name: `邮箱 ${next()}`, ...settings() }) },
    testMailboxSettings: { expect: admins, body: settings },
    getMailbox: { expect: admins, id: (t) => t.mailbox! },
    updateMailbox: { expect: admins, id: (t) => t.mailbox!, body: () => ({ pollIntervalSeconds: 300 }) },
    deleteMailbox: { expect: admins, id: (t) => t.mailboxToDelete! },
    testMailboxConnection: { expect: admins, id: (t) => t.mailbox! },
    pollMailboxNow: { expect: admins, id: (t) => t.mailbox! },
  },
};
