/** `GET /api/dashboard`: the console's home page figures (staff only). */
import { AppError } from '../../../platform/http/app-error.ts';
import { requireActor } from '../../../platform/http/request-context.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { dashboardQuery, dashboardSchema } from '../dashboard.api.ts';
import { caseDashboard } from './case-dashboard.ts';
import type { CaseRouteDeps } from './cases.routes.ts';

export function registerDashboardRoutes(app: HttpServer, deps: CaseRouteDeps) {
  const { db, clock } = deps;
  app.get('/api/dashboard', {
    schema: {
      operationId: 'getDashboard',
      tags: ['cases'],
      summary: 'Open cases by priority and state, breaching soon, my cases, this month’s SLA compliance',
      querystring: dashboardQuery,
      response: { 200: dashboardSchema },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      if (actor.kind !== 'staff') throw new AppError('forbidden', 'staff only');
      return caseDashboard(db, {
        userId: actor.userId,
        now: clock(),
        withinHours: request.query.withinHours,
      });
    },
  });
}
