/** Code-split pages: each page is its own chunk, fetched in parallel with the boot session check. */
import { lazy, type ComponentType } from 'react';

type Loader<P> = () => Promise<ComponentType<P>>;

export interface LazyPage<P> {
  Component: ComponentType<P>;
  /** Starts the chunk download early, e.g. while the session request is in flight. */
  preload: () => void;
}

/** Wraps a loader of a page's named export into a React.lazy component that can be preloaded. */
export function lazyPage<P extends object>(load: Loader<P>): LazyPage<P> {
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const start = () => (pending ??= load().then((Component) => ({ default: Component })));
  return { Component: lazy(start), preload: () => void start() };
}

/** A module's console pages: by exact path, and by pattern for paths that carry an id. */
export interface ConsolePages {
  exact: Record<string, LazyPage<object>>;
  patterns: { pattern: RegExp; page: LazyPage<object> }[];
}
