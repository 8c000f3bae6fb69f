/** Origin checks: state-changing requests and WebSocket upgrades must come from our own origin. */
import type { IncomingMessage } from 'node:http';

/**
 * Whether a request's `Origin` is ours: the configured public origin, or else the request's own
 * `Host`. A request without `Origin` (a server-side client, not a browser) is let through; the
 * session cookie still has to be valid.
 */
export function originAllowed(req: IncomingMessage, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (publicUrl) return origin === new URL(publicUrl).origin;
  const host = req.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
