/** The cases module's public server surface. */
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { registerCaseRoutes, type CaseRouteDeps } from './cases.routes.ts';
import { registerCaseActivityRoutes } from './case-activity.routes.ts';
import { registerSupportGroupRoutes } from './support-groups.routes.ts';
import { registerCaseSlaRoutes } from './case-sla.routes.ts';
import { registerDashboardRoutes } from './dashboard.routes.ts';
import { registerCaseAttachmentRoutes } from './case-attachments.routes.ts';
import { registerIntakeRoutes } from './intake.routes.ts';
import { registerSavedViewRoutes } from './saved-views.routes.ts';
import { registerBulkAssignRoutes } from './bulk-assign.routes.ts';

export { openCase, openCaseIn, prepareOpenCase, type OpenCasePlan } from './commands/open-case.ts';
export { createSupportGroup } from './commands/create-support-group.ts';
export { changeCaseStateIn } from './commands/change-case-state.ts';
export { addTimelineEntry as addCaseTimelineEntry } from './case-timeline.ts';
export { loadVisibleCase } from './case.repository.ts';
export { addCaseEntryIn } from './commands/add-case-entry.ts';
export { reopenWindowDays } from './case-settings.ts';
export { attachFilesIn, type CaseFile } from './case-attachment-files.ts';

export function registerCasesModule(app: HttpServer, deps: CaseRouteDeps) {
  registerCaseRoutes(app, deps);
  registerCaseActivityRoutes(app, deps);
  registerSupportGroupRoutes(app, deps);
  registerCaseSlaRoutes(app, deps);
  registerDashboardRoutes(app, deps);
  registerCaseAttachmentRoutes(app, deps);
  registerIntakeRoutes(app, deps);
  registerSavedViewRoutes(app, deps);
  registerBulkAssignRoutes(app, deps);
}
