/**
 * The route table and its guards: nobody logged in → /login (remembering where they were going);
 * a password to change → /account/password before anything else.
 */
import { Suspense, type ComponentType } from 'react';
import { useSessionQuery } from '../../modules/identity/web/session.queries.ts';
import { AppShell } from '../shell/app-shell.tsx';
import { Redirect } from './app-link.tsx';
import { BootError, PageLoading } from './boot-screen.tsx';
import { lazyPage } from './lazy-page.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { safeNextPath, useLocation } from './router.ts';

const loginPage = lazyPage(() =>
  import('../../modules/identity/web/login-page.tsx').then((m) => m.LoginPage),
);
const homePage = lazyPage(() => import('../../modules/identity/web/home-page.tsx').then((m) => m.HomePage));
const changePasswordPage = lazyPage(() =>
  import('../../modules/identity/web/change-password-page.tsx').then((m) => m.ChangePasswordPage),
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

const LOGIN_PATH = '/login';
const CHANGE_PASSWORD_PATH = '/account/password';

/** Logged-in pages by path. */
const PAGES: Record<string, { Component: ComponentType }> = {
  '/': homePage,
  [CHANGE_PASSWORD_PATH]: changePasswordPage,
};

/** Staff-console pages by path; contacts (the portal) get the not-found page for now. */
const CONSOLE_PAGES: Record<string, { Component: ComponentType }> = {
  '/cases': caseQueuePage,
  '/cases/new': newCasePage,
};

/** Pages whose path carries an id; each page reads it from useLocation(). */
const CONSOLE_PATTERNS: { pattern: RegExp; page: { Component: ComponentType } }[] = [
  { pattern: /^\/cases\/\d+$/, page: caseDetailPage },
];

function consolePage(pathname: string): { Component: ComponentType } | undefined {
  return CONSOLE_PAGES[pathname] ?? CONSOLE_PATTERNS.find(({ pattern }) => pattern.test(pathname))?.page;
}

// Which of the two first pages is needed is known only after the session check: fetch both meanwhile.
loginPage.preload();
homePage.preload();

export function AppRoutes() {
  const session = useSessionQuery();
  const { pathname, search } = useLocation();

  if (session.isPending) return <PageLoading fullScreen />;
  if (session.isError && session.data === undefined) {
    return <BootError error={session.error} onRetry={() => void session.refetch()} />;
  }

  const user = session.data?.user;
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

  const page = PAGES[pathname] ?? (user.abilities.useConsole ? consolePage(pathname) : undefined);
  const Page = page?.Component ?? NotFoundPage;
  return (
    <AppShell>
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    </AppShell>
  );
}
