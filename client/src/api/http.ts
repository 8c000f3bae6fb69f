/** fetch for the Galley API: same-origin cookie session, JSON both ways, one error type. */
import type { ApiError } from '../../../shared/api';

let onUnauthenticated: () => void = () => {};

/** What to do when the server says the session is gone (the app signs the user out and shows /login). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** A request that the API (or the network) refused, with the API's stable error id. */
export class ApiRequestError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** The API's stable error id (`unauthenticated`, `not_found`, ...) or `network`. */
    readonly error: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  /** Whether the server could not be reached at all. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Leave a 401 to the caller instead of going to the login page (the login form itself). */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal;
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && typeof (value as ApiError).error === 'string';
}

const fallbackMessages: Record<number, string> = {
  400: 'The request was not understood.',
  401: 'Please sign in again.',
  403: 'You do not have access to this.',
  404: 'Not found.',
  429: 'Too many attempts. Wait a moment and try again.',
};

/** Call the API; resolves with the parsed JSON body (undefined for 204), rejects with ApiRequestError. */
export async function request<T>(path: string, { method = 'GET', body, allowUnauthenticated = false, signal }: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiRequestError(0, 'network', 'Galley cannot reach the server. Check your connection.');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    if (response.status === 401 && !allowUnauthenticated) onUnauthenticated();
    const apiError = isApiError(parsed) ? parsed : undefined;
    throw new ApiRequestError(
      response.status,
      apiError?.error ?? `http_${response.status}`,
      apiError?.message ?? fallbackMessages[response.status] ?? `The server answered ${response.status}.`,
      apiError?.details,
    );
  }
  return parsed as T;
}
