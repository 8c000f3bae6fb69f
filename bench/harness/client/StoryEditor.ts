/** What a load generator needs from an editor on a story, full provider or lightweight. */
import type { Typist } from './typing';

/** An editor connected to one story. */
export interface StoryEditor extends Typist {
  /** Resolves once the editor's first sync with the server is done. */
  ready: Promise<void>;
  /** Writes the story's layout if it is missing and resolves once the server has it. */
  prepare(headline: string): Promise<void>;
  /** From now on, arrivals are handed to the latency probe. */
  listen(): void;
  close(): void;
}

/** A colour for an editor's caret, as the client picks one per person. */
export function caretColour(n: number): string {
  return `hsl(${(n * 47) % 360} 70% 45%)`;
}
