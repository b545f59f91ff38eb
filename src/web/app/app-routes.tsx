/**
 * The route table and its guards: nobody logged in → /login (remembering where they were going);
 * a password to change → /account/password before anything else; contacts → the customer portal
 * (/portal/...), staff → the console (a /portal link leads to the console's page).
 */
import { Suspense, type ComponentType } from 'react';
import { useSessionQuery } from '../../modules/identity/web/session.queries.ts';
import { consolePathFor, portalPathFor } from '../../modules/cases/web/portal/portal-paths.ts';
import { setDisplayTimeZone } from '../i18n/date-time.ts';
import { AppShell } from '../shell/app-shell.tsx';
import { PortalShell } from '../shell/portal-shell.tsx';
import { Redirect } from './app-link.tsx';
import { BootError, PageLoading } from './boot-screen.tsx';
import './case-page-extensions.ts';
import { lazyPage } from './lazy-page.ts';
import { useLiveUpdates } from './live-updates.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { assetsPages } from '../../modules/assets/web/assets.pages.ts';
import { contractsPages } from '../../modules/contracts/web/contracts.pages.ts';
import { rmaPages } from '../../modules/rma/web/rma.pages.ts';
import { sparesPages } from '../../modules/spares/web/spares.pages.ts';
import { identityPages } from '../../modules/identity/web/identity.pages.ts';
import { organisationsPages } from '../../modules/organisations/web/organisations.pages.ts';
import { calendarsPages } from '../../modules/calendars/web/calendars.pages.ts';
import { settingsPages } from '../../modules/settings/web/settings.pages.ts';
import { notificationsPages } from '../../modules/notifications/web/notifications.pages.ts';
import { alertsPages } from '../../modules/alerts/web/alerts.pages.ts';
import { mailboxesPages } from '../../modules/mailboxes/web/mailboxes.pages.ts';
import { mailIntakePages } from '../../modules/mail-intake/web/mail-intake.pages.ts';
import { safeNextPath, useLocation } from './router.ts';

const loginPage = lazyPage(() =>
  import('../../modules/identity/web/login-page.tsx').then((m) => m.LoginPage),
);
const homePage = lazyPage(() => import('../../modules/identity/web/home-page.tsx').then((m) => m.HomePage));
const changePasswordPage = lazyPage(() =>
  import('../../modules/identity/web/change-password-page.tsx').then((m) => m.ChangePasswordPage),
);

const dashboardPage = lazyPage(() =>
  import('../../modules/cases/web/dashboard-page.tsx').then((m) => m.DashboardPage),
);
const caseQueuePage = lazyPage(() =>
  import('../../modules/cases/web/case-queue-page.tsx').then((m) => m.CaseQueuePage),
);
const newCasePage = lazyPage(() =>
  import('../../modules/cases/web/new-case-page.tsx').then((m) => m.NewCasePage),
);
const caseDetailPage = lazyPage(() =>
  import('../../modules/cases/web/case-detail-page.tsx').then((m) => m.CaseDetailPage),
);

// The customer portal: its own chunks, so a contact never downloads the console's pages.
const portalCaseListPage = lazyPage(() =>
  import('../../modules/cases/web/portal/portal-case-list-page.tsx').then((m) => m.PortalCaseListPage),
);
const portalNewCasePage = lazyPage(() =>
  import('../../modules/cases/web/portal/portal-new-case-page.tsx').then((m) => m.PortalNewCasePage),
);
const portalCasePage = lazyPage(() =>
  import('../../modules/cases/web/portal/portal-case-page.tsx').then((m) => m.PortalCasePage),
);

const LOGIN_PATH = '/login';
const CHANGE_PASSWORD_PATH = '/account/password';

/** Logged-in pages by path (staff get the dashboard at `/`, see consolePage). */
const PAGES: Record<string, { Component: ComponentType }> = {
  '/': homePage,
  '/account': homePage,
  [CHANGE_PASSWORD_PATH]: changePasswordPage,
};

/** The console pages of the modules that keep their own page table. */
const MODULE_PAGES = [
  assetsPages,
  contractsPages,
  sparesPages,
  rmaPages,
  identityPages,
  organisationsPages,
  calendarsPages,
  settingsPages,
  notificationsPages,
  alertsPages,
  mailboxesPages,
  mailIntakePages,
];

/** Staff-console pages by path; contacts get the portal's (PORTAL_PAGES) instead. */
const CONSOLE_PAGES: Record<string, { Component: ComponentType }> = {
  '/': dashboardPage,
  '/cases': caseQueuePage,
  '/cases/new': newCasePage,
  ...Object.assign({}, ...MODULE_PAGES.map((m) => m.exact)),
};

/** Pages whose path carries an id; each page reads it from useLocation(). */
const CONSOLE_PATTERNS: { pattern: RegExp; page: { Component: ComponentType } }[] = [
  { pattern: /^\/cases\/\d+$/, page: caseDetailPage },
  ...MODULE_PAGES.flatMap((m) => m.patterns),
];

/** Customer-portal pages (contacts); the account page is the shared home page, in the portal's frame. */
const PORTAL_PAGES: Record<string, { Component: ComponentType }> = {
  '/portal/cases': portalCaseListPage,
  '/portal/cases/new': portalNewCasePage,
  '/portal/account': homePage,
  [CHANGE_PASSWORD_PATH]: changePasswordPage,
};

function portalPage(pathname: string): { Component: ComponentType } | undefined {
  return PORTAL_PAGES[pathname] ?? (/^\/portal\/cases\/\d+$/.test(pathname) ? portalCasePage : undefined);
}

function consolePage(pathname: string): { Component: ComponentType } | undefined {
  return CONSOLE_PAGES[pathname] ?? CONSOLE_PATTERNS.find(({ pattern }) => pattern.test(pathname))?.page;
}

// Which of the two first pages is needed is known only after the session check: fetch both meanwhile.
loginPage.preload();
homePage.preload();

export function AppRoutes() {
  const session = useSessionQuery();
  const { pathname, search } = useLocation();
  useLiveUpdates(Boolean(session.data?.user) && !session.data?.user?.mustChangePassword);

  if (session.isPending) return <PageLoading fullScreen />;
  if (session.isError && session.data === undefined) {
    return <BootError error={session.error} onRetry={() => void session.refetch()} />;
  }

  const user = session.data?.user;
  // Dates read in the account's time zone; set during render so this very render uses it.
  setDisplayTimeZone(user?.timeZone);
  if (!user) {
    if (pathname !== LOGIN_PATH) {
      const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
      return <Redirect to={LOGIN_PATH + next} />;
    }
    return (
      <Suspense fallback={<PageLoading fullScreen />}>
        <loginPage.Component />
      </Suspense>
    );
  }

  if (pathname === LOGIN_PATH) return <Redirect to={safeNextPath(search)} />;
  if (user.mustChangePassword && pathname !== CHANGE_PASSWORD_PATH)
    return <Redirect to={CHANGE_PASSWORD_PATH} />;

  // Contacts live in the portal: a console path they followed leads to the portal's page.
  if (user.abilities.usePortal && !user.abilities.useConsole) {
    const portalPath = portalPathFor(pathname);
    if (portalPath) return <Redirect to={portalPath} />;
    const PortalPage = portalPage(pathname)?.Component ?? NotFoundPage;
    return (
      <PortalShell>
        <Suspense fallback={<PageLoading />}>
          <PortalPage />
        </Suspense>
      </PortalShell>
    );
  }
  // Staff following a portal link (a customer's mail forwarded) land on the console's page.
  const consolePath = consolePathFor(pathname);
  if (consolePath) return <Redirect to={consolePath} />;

  const page = (user.abilities.useConsole ? consolePage(pathname) : undefined) ?? PAGES[pathname];
  const Page = page?.Component ?? NotFoundPage;
  return (
    <AppShell>
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </AppShell>
  );
}
