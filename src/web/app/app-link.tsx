/** An anchor that navigates inside the app, yet still opens in a new tab on ctrl/cmd/middle click. */
import { useEffect, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { navigate } from './router.ts';

export function AppLink({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handleClick} {...rest} />;
}

/** Navigates as soon as it renders; for guards ("not logged in → /login"). */
export function Redirect({ to }: { to: string }) {
  // Navigation is a side effect, so it runs after commit, never during render.
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
