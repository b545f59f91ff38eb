/** `GET /api/intake/lookup`: the hotline finder behind New case (staff only). */
import { AppError } from '../../../platform/http/app-error.ts';
import { requireActor } from '../../../platform/http/request-context.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { intakeLookupQuery, intakeLookupResult } from '../intake.api.ts';
import { casesPolicy } from './cases.policy.ts';
import { lookUpIntake } from './intake-lookup.ts';
import type { CaseRouteDeps } from './cases.routes.ts';

export function registerIntakeRoutes(app: HttpServer, deps: CaseRouteDeps) {
  const { db } = deps;
  app.get('/api/intake/lookup', {
    schema: {
      operationId: 'lookUpIntake',
      tags: ['cases'],
      summary:
        'Hotline finder: a phone number (from 4 digits), contact name, customer name or code, or serial (partial) → customers with the site, contact or asset that matched, best first',
      querystring: intakeLookupQuery,
      response: { 200: intakeLookupResult },
    },
    handler: async (request) => {
      if (!casesPolicy.canLookUpCustomers(requireActor(request)))
        throw new AppError('forbidden', 'staff only');
      return { items: await lookUpIntake(db, request.query) };
    },
  });
}
