/**
 * Editors typing as independent Poisson processes: each waits an exponentially distributed time
 * between keystrokes, so no two move in lockstep. Each edit inserts a character at the editor's
 * caret (now and then fixing the character before it), and the caret is shared in awareness.
 */
import * as Y from 'yjs';

/** Something that can make one edit. */
export interface Typist {
  edit(): void;
}

const letters = 'etaoinshrdlu etaoinshrdlu cmfwypvbgk ';

/** A character a reporter might type. */
export function nextCharacter(): string {
  return letters[Math.floor(Math.random() * letters.length)];
}

/** Where the caret goes next: usually one on; now and then somewhere else in the paragraph. */
export function nextCaret(caret: number, length: number): number {
  if (Math.random() < 0.02) return Math.floor(Math.random() * (length + 1));
  return Math.min(Math.max(0, caret), length);
}

/** One keystroke into `text` at `caret`, in one transaction; returns the caret after it. */
export function keystroke(text: Y.XmlText, caret: number): number {
  let at = nextCaret(caret, text.length);
  text.doc!.transact(() => {
    // A typo fixed: delete the character before the caret, then type on.
    if (at > 0 && Math.random() < 0.1) {
      text.delete(at - 1, 1);
      at--;
    }
    text.insert(at, nextCharacter());
  });
  return at + 1;
}

/** An exponentially distributed wait (ms) for a Poisson process of `ratePerSecond`. */
export function poissonGapMs(ratePerSecond: number): number {
  return (-Math.log(1 - Math.random()) * 1000) / ratePerSecond;
}

/** Starts every typist on its own Poisson process; returns a function that stops them all. */
export function startTyping(typists: Typist[], ratePerSecond: number): () => void {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const schedule = (typist: Typist) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopped) return;
      typist.edit();
      schedule(typist);
    }, poissonGapMs(ratePerSecond));
    timers.add(timer);
  };
  for (const typist of typists) schedule(typist);
  return () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}
