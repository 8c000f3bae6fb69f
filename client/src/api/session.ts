/** The signed-in session: `POST/DELETE /api/session`, `GET /api/me`. */
import type { Me } from '../../../shared/api';
import { ApiRequestError, request } from './http';

/** Sign in; resolves with the user, rejects with ApiRequestError (401 for a wrong email or password). */
export function signIn(email: string, password: string): Promise<Me> {
  return request<Me>('/api/session', { method: 'POST', body: { email, password }, allowUnauthenticated: true });
}

/** End the session on the server (the cookie is cleared there). */
export async function signOut(): Promise<void> {
  await request<void>('/api/session', { method: 'DELETE', allowUnauthenticated: true });
}

/** Who is signed in, or null when nobody is. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await request<Me>('/api/me', { allowUnauthenticated: true });
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}
