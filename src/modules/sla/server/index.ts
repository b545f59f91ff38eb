/** The SLA module's public server surface: routes, the engine, and the hooks cases call. */
export { registerSlaRoutes } from './sla.routes.ts';
export { sweepEscalations } from './escalation-sweep.ts';
export { EscalationLoop } from './escalation-loop.ts';
export { rescheduleCase, afterStateChange, newCaseSchedule, type CaseSchedule } from './case-clock.ts';
export { caseSla } from './case-sla.ts';
export { rescheduleOpenCases } from './commands/reschedule-open-cases.ts';
export { acknowledgeEscalation } from './commands/acknowledge-escalation.ts';
