/**
 * `GET/POST /api/test/clock`: read and move the server's clock forward. Registered only when the
 * server runs in test mode (TACDESK_TEST_MODE=true); anywhere else the path does not exist (404).
 * Administrators only, even then.
 */
import { z } from 'zod';
import { hasRole } from '../platform/authz/actor.ts';
import { AppError } from '../platform/http/app-error.ts';
import type { HttpServer } from '../platform/http/http-server.ts';
import { requireActor } from '../platform/http/request-context.ts';
import type { MovableClock } from '../platform/time/movable-clock.ts';

const clockSchema = z.object({ now: z.string(), offsetMinutes: z.number() });

export function registerTestClockRoutes(app: HttpServer, clock: MovableClock) {
  const view = () => ({ now: clock.now().toISOString(), offsetMinutes: clock.offsetMs / 60_000 });
  const requireAdmin = (request: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(request);
    if (!hasRole(actor, 'admin')) throw new AppError('forbidden', 'administrators only');
  };

  app.get('/api/test/clock', {
    schema: {
      operationId: 'getTestClock',
      tags: ['test'],
      summary: 'Test mode only: the server’s clock',
      response: { 200: clockSchema },
    },
    handler: async (request) => {
      requireAdmin(request);
      return view();
    },
  });

  app.post('/api/test/clock', {
    schema: {
      operationId: 'advanceTestClock',
      tags: ['test'],
      summary: 'Test mode only: move the server’s clock forward',
      body: z.object({
        advanceMinutes: z
          .number()
          .min(0)
          .max(60 * 24 * 400),
      }),
      response: { 200: clockSchema },
    },
    handler: async (request) => {
      requireAdmin(request);
      clock.advance(request.body.advanceMinutes * 60_000);
      request.log.warn({ offsetMinutes: clock.offsetMs / 60_000 }, 'test clock moved');
      return view();
    },
  });
}
