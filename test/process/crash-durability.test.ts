/**
 * Crash durability, short form (the full form with ≥ 25 rounds per engine is
 * `bench/crash.bench.ts`): case intake under load through the HTTP API, the server killed with
 * SIGKILL at a random moment, restarted on the same data (PGlite data directory, or the same
 * PostgreSQL database on the PostgreSQL pass); in round 2 the restart itself is also killed
 * during start-up first. After every restart, read back through the API:
 * every case acknowledged with 201 is present and intact with its `case.opened` event, the
 * committed cases are numbered without gaps, and the restart succeeded.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerProcess } from '../harness/server-process.ts';
import { TEST_ENGINE, createScratchPgDatabase } from '../harness/test-database.ts';
import { runCrashRounds } from '../harness/crash-harness.ts';

const servers: ServerProcess[] = [];
after(async () => {
  for (const s of servers) await s.kill();
});

test(`SIGKILL during case intake on ${TEST_ENGINE}: 3 rounds lose no acknowledged case and leave no gap`, async (t) => {
  const scratch = TEST_ENGINE === 'postgres' ? await createScratchPgDatabase() : null;
  try {
    const result = await runCrashRounds({
      engine: TEST_ENGINE,
      databaseUrl: scratch?.url,
      rounds: 3,
      writers: 4,
      killAfterMs: [300, 1200],
      killDuringStartEvery: 2,
      log: (m) => t.diagnostic(m),
      onServer: (s) => servers.push(s),
    });
    assert.deepEqual(result.restartFailures, [], 'every restart succeeds');
    assert.equal(result.rounds.length, 3);
    assert.deepEqual(result.lost, [], 'every acknowledged case is present and intact');
    assert.deepEqual(result.eventMismatches, [], 'every committed case has exactly its case.opened event');
    assert.deepEqual(result.gaps, [], 'numbering has no gaps among committed cases');
    assert.deepEqual(result.unexpectedStatuses, [], 'intake answered 201 until the kill');
    assert.ok(
      result.rounds.every((r) => r.acknowledged > 0),
      `every round wrote cases before the kill (${result.rounds.map((r) => r.acknowledged).join(', ')})`,
    );
    assert.ok(result.committed >= result.acknowledged);
  } finally {
    await scratch?.drop();
  }
});
