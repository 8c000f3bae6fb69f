/** The process logger. Secrets never reach it: cookies and passwords are redacted. */
import { pino, type Logger } from 'pino';

export type { Logger };

/** A pino logger at the given level that redacts credentials. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ['password', '*.password', 'cookie', '*.cookie', 'headers.cookie', 'req.headers.cookie'], censor: '[redacted]' },
  });
}
