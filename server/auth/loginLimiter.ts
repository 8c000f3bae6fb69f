/**
 * Failed sign-ins are limited per account and per address, so a password cannot be guessed at
 * speed. Counts live in this process and fade after the window.
 */

/** How many failures each key may have in one window. */
export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DefaultLoginLimits: LoginLimits = { perAccount: 10, perAddress: 50, windowMs: 15 * 60 * 1000 };

/** Failure counts by account and address. */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly limits: LoginLimits = DefaultLoginLimits) {}

  /** Seconds to wait before this account or address may try again, or 0. */
  retryAfter(email: string, address: string, now = Date.now()): number {
    const wait = (key: string, limit: number) => {
      const entry = this.fresh(key, now);
      return entry && entry.count >= limit ? Math.ceil((entry.since + this.limits.windowMs - now) / 1000) : 0;
    };
    return Math.max(wait(`account:${email}`, this.limits.perAccount), wait(`address:${address}`, this.limits.perAddress));
  }

  /** Counts a failed attempt. */
  failed(email: string, address: string, now = Date.now()): void {
    for (const key of [`account:${email}`, `address:${address}`]) {
      const entry = this.fresh(key, now) ?? { count: 0, since: now };
      entry.count++;
      this.failures.set(key, entry);
    }
  }

  /** A success clears the account's count (not the address's: one good password must not reset a spray). */
  succeeded(email: string): void {
    this.failures.delete(`account:${email}`);
  }

  private fresh(key: string, now: number) {
    const entry = this.failures.get(key);
    if (entry && now - entry.since > this.limits.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}
