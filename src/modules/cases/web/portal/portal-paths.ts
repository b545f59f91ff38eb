/**
 * Where the customer portal's pages live, and how a console path and a portal path map onto each
 * other: mails link customers to /portal/cases/:id, and either side may follow the other's link.
 */
export const PORTAL_CASES = '/portal/cases';
export const PORTAL_NEW_CASE = '/portal/cases/new';
export const PORTAL_ACCOUNT = '/portal/account';

export const portalCasePath = (id: number) => `${PORTAL_CASES}/${id}`;

const CASE_PATH = /^\/(?:portal\/)?cases(\/new|\/\d+)?\/?$/;

/** A console path a contact followed (/, /cases, /cases/new, /cases/:id) → the portal's page, if any. */
export function portalPathFor(pathname: string): string | undefined {
  if (pathname === '/' || pathname === '/portal' || pathname === '/portal/') return PORTAL_CASES;
  const match = CASE_PATH.exec(pathname);
  if (!match || pathname.startsWith('/portal/')) return undefined;
  return `${PORTAL_CASES}${match[1] ?? ''}`;
}

/** A portal path a staff member followed (a customer's mail, a shared link) → the console's page. */
export function consolePathFor(pathname: string): string | undefined {
  if (!pathname.startsWith('/portal')) return undefined;
  if (pathname === PORTAL_ACCOUNT || pathname === '/portal' || pathname === '/portal/') return '/';
  const match = CASE_PATH.exec(pathname);
  return match ? `/cases${match[1] ?? ''}` : undefined;
}
