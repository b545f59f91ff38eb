/**
 * Two server processes on one PostgreSQL database, both running their background loops, with
 * 2 000 escalation steps coming due at once (the bench `bench/crash.bench.ts` runs 10 000):
 * counted from the `case.escalated` domain events, every due step fires exactly once and none
 * is missed. Both processes start together on an empty database, so they also migrate at once.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerProcess } from '../harness/server-process.ts';
import { TEST_ENGINE, TEST_PG_URL } from '../harness/test-database.ts';
import { runTwoNodes } from '../harness/crash-harness.ts';

const servers: ServerProcess[] = [];
after(async () => {
  for (const s of servers) await s.kill();
});

test(
  'two processes on one PostgreSQL fire each of 2 000 due escalation steps exactly once',
  {
    skip:
      TEST_ENGINE !== 'postgres' &&
      'PostgreSQL only: one PGlite data directory admits one process (set TACDESK_TEST_DATABASE_URL)',
  },
  async (t) => {
    const result = await runTwoNodes({
      adminUrl: TEST_PG_URL!,
      due: 2000,
      timeoutMs: 60_000,
      log: (m) => t.diagnostic(m),
      onServer: (s) => servers.push(s),
    });
    t.diagnostic(
      `${result.sweeps} sweeps, concurrent: ${result.concurrentSweeps}, largest shares ${result.largestSweeps.join(' / ')}`,
    );
    assert.equal(result.stillDue, 0, 'no case is due any more');
    assert.deepEqual(result.duplicates.slice(0, 10), [], 'no step fired twice');
    assert.deepEqual(result.missed.slice(0, 10), [], 'no due step missed');
    assert.deepEqual(result.unexpected.slice(0, 10), [], 'no step fired before it was due');
    assert.equal(result.events, 2000, 'one case.escalated event per due step');
    assert.equal(result.escalationRows, 2000, 'one fired-step record per due step');
    assert.deepEqual(result.loopErrors, [], 'neither escalation loop failed');
    assert.ok(result.bothAlive, 'both processes still serve');
  },
);
