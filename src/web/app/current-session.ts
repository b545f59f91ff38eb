/**
 * Who is logged in, for pages of any module: the shell owns the session (identity's queries),
 * modules read it here instead of reaching into identity's web code.
 */
import { useMe, useSessionQuery } from '../../modules/identity/web/session.queries.ts';

export { useMe };

/** The session's CSRF token, for the rare request the JSON client cannot send (multipart uploads). */
export function useCsrfToken(): string | undefined {
  return useSessionQuery().data?.csrfToken;
}
