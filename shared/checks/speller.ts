/** A Hunspell speller (nspell) from dictionary files, with its suggestions remembered. */
import nspell from 'nspell';
import type { Speller } from './types';

/** Hunspell dictionary files, as bytes (Node, `dictionary-en`) or text (fetched in the browser). */
export interface HunspellFiles {
  aff: Uint8Array | string;
  dic: Uint8Array | string;
}

const text = (data: Uint8Array | string) => (typeof data === 'string' ? data : new TextDecoder().decode(data));

// Suggesting is slow (tens to hundreds of milliseconds a word) and a story repeats its mistakes.
const rememberedSuggestions = 2000;

/** Builds a speller; loading an English dictionary takes a few hundred milliseconds, so build it once. */
export function createSpeller(files: HunspellFiles): Speller {
  const spell = nspell({ aff: text(files.aff), dic: text(files.dic) });
  const suggestions = new Map<string, string[]>();
  return {
    correct: (word) => spell.correct(word),
    suggest(word) {
      let found = suggestions.get(word);
      if (!found) {
        if (suggestions.size >= rememberedSuggestions) suggestions.delete(suggestions.keys().next().value!);
        suggestions.set(word, (found = spell.suggest(word)));
      }
      return found;
    },
  };
}
