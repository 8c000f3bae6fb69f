/** Story names for the peers, which create a document when a client first opens it. */
import { randomBytes } from 'node:crypto';

/** `count` fresh, unique story names. */
export function newStoryNames(count: number): string[] {
  const run = randomBytes(4).toString('hex');
  return Array.from({ length: count }, (_, i) => `story-${run}-${i + 1}`);
}
