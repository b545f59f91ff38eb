/**
 * A deliberately tiny client-side router over the History API: a handful of pages do not need a
 * routing library. Pages read `useLocation()`; links and redirects call `navigate()`.
 */
import { useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'tacdesk:navigate';

export interface AppLocation {
  pathname: string;
  search: string;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

// useSyncExternalStore compares snapshots with Object.is, so the string is the snapshot, not an object.
const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query string; re-renders on navigate() and on the browser's back/forward. */
export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribe, snapshot);
  const queryAt = href.indexOf('?');
  return queryAt < 0
    ? { pathname: href, search: '' }
    : { pathname: href.slice(0, queryAt), search: href.slice(queryAt) };
}

/** Goes to an in-app path; `replace` keeps redirects out of the back-button history. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

/**
 * The in-app path to return to after login, from `?next=`. Only same-origin paths are accepted,
 * so a crafted link cannot send a user who just logged in to another site.
 */
export function safeNextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next.startsWith('/login') ? '/' : next;
}
