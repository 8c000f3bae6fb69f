/**
 * The worker thread that finds spelling fixes (see `WorkerSpellingFixes`): nspell's `suggest` takes
 * milliseconds for a typo but seconds for a word with nothing near it in the dictionary, and it cannot be
 * interrupted, so it never runs on the thread that serves requests and collab. Answers `ready` once the
 * dictionary is loaded, then one `fix` per `find`, in order.
 */
import { parentPort } from 'node:worker_threads';
import { createSpeller } from '../../shared/checks/speller';
import type { FixWorkerReply, FixWorkerRequest } from './SpellingFixes';

const port = parentPort!;
const { default: files } = await import('dictionary-en');
const speller = createSpeller(files);
port.on('message', ({ word }: FixWorkerRequest) => port.postMessage({ kind: 'fix', word, suggestions: speller.suggest(word) } satisfies FixWorkerReply));
port.postMessage({ kind: 'ready' } satisfies FixWorkerReply);
