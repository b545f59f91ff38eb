/**
 * The web client's only way to call the server: JSON in and out (uploads as multipart FormData), the
 * session cookie, the CSRF header on writes, the UI's language, and every failure turned into an ApiError with a stable code.
 */
import { ApiError, type ProblemDetails } from './api-error.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The session's CSRF token; set from SessionInfo on boot and login, cleared on logout. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * The UI's language, sent as Accept-Language: before login the server words field errors in it
 * (after login the account's own language, which the UI follows, decides).
 */
let uiLocale: string | null = null;

export function setRequestLocale(locale: string): void {
  uiLocale = locale;
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

/** Sends one request to the server's API and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body is sent as multipart; the browser writes its Content-Type with the boundary.
  const multipart = options.body instanceof FormData;
  if (options.body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (uiLocale) headers['accept-language'] = uiLocale;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: multipart
        ? (options.body as FormData)
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    // fetch only rejects when no answer came back at all: offline, DNS, server down.
    throw new ApiError(0, { code: 'unavailable', detail: String(error) });
  }

  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  return (await response.json()) as T;
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return { status: response.status };
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as ProblemDetails) : {};
  } catch {
    return { status: response.status };
  }
}

/** Shorthands, so call sites read `api.post<Me>('/api/...', body)`. */
export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
};
