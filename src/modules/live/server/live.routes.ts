/** `GET /api/live`: server-sent events of the changes the caller may see, for live screens. */
import type { ServerResponse } from 'node:http';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { LiveHub } from '../../../platform/events/live-hub.ts';
import { requireActor } from '../../../platform/http/request-context.ts';
import { canHear } from './live.policy.ts';

const HEARTBEAT_MS = 25_000;

export function registerLiveRoutes(app: HttpServer, deps: { live: LiveHub }) {
  // Open streams never end by themselves: end them when the server shuts down.
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get('/api/live', {
    schema: {
      operationId: 'liveEvents',
      tags: ['live'],
      summary: 'Server-sent events: `change` with {id, type, subjectType, subjectId}; refetch what changed',
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no', // nginx: do not buffer the stream
        'x-request-id': String(request.id),
      });
      res.write(': connected\n\n');
      open.add(res);
      const unsubscribe = deps.live.subscribe((event) => {
        if (!canHear(actor, event)) return;
        const payload = {
          id: event.id,
          type: event.type,
          subjectType: event.subjectType,
          subjectId: event.subjectId,
        };
        res.write(`id: ${event.id}\nevent: change\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
      });
    },
  });
}
