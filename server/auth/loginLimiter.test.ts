import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './loginLimiter';

describe('LoginLimiter', () => {
  it('stops an account after its failures, for the rest of the window', () => {
    const limiter = new LoginLimiter({ perAccount: 3, perAddress: 100, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) limiter.failed('rosa@galley.test', '10.0.0.1', 0);
    expect(limiter.retryAfter('rosa@galley.test', '10.0.0.9', 1_000)).toBe(59);
    expect(limiter.retryAfter('tom@galley.test', '10.0.0.1', 1_000)).toBe(0);
    expect(limiter.retryAfter('rosa@galley.test', '10.0.0.9', 61_000)).toBe(0);
  });

  it('stops an address spraying many accounts, and a success does not reset it', () => {
    const limiter = new LoginLimiter({ perAccount: 100, perAddress: 5, windowMs: 60_000 });
    for (let i = 0; i < 5; i++) limiter.failed(`user${i}@galley.test`, '10.0.0.1', 0);
    limiter.succeeded('user0@galley.test');
    expect(limiter.retryAfter('anyone@galley.test', '10.0.0.1', 10)).toBeGreaterThan(0);
  });
});
