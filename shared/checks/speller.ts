/** A Hunspell speller (nspell) from dictionary files, with its suggestions remembered, and the same speller without them. */
import nspell from 'nspell';
import type { Speller } from './types';

/** Hunspell dictionary files, as bytes (Node, `dictionary-en`) or text (fetched in the browser). */
export interface HunspellFiles {
  aff: Uint8Array | string;
  dic: Uint8Array | string;
}

const text = (data: Uint8Array | string) => (typeof data === 'string' ? data : new TextDecoder().decode(data));

// Suggesting is slow (milliseconds for a typo, seconds for a word with nothing near it in the dictionary)
// and a story repeats its mistakes.
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

/**
 * The same speller without suggestions: it finds the same problems, with no fixes, at a fraction of the
 * cost (the publish checklist only counts them). Each word a suggestion was asked for is added to `asked`,
 * in reading order, for finding fixes elsewhere (see `withFixes`).
 */
export function withoutFixes(speller: Speller, asked?: Set<string>): Speller {
  return {
    correct: (word) => speller.correct(word),
    suggest(word) {
      asked?.add(word);
      return [];
    },
  };
}

/** The same speller suggesting only what was found beforehand: `found.get(word)`, nothing for other words. */
export function withFixes(speller: Speller, found: ReadonlyMap<string, readonly string[]>): Speller {
  return { correct: (word) => speller.correct(word), suggest: (word) => [...(found.get(word) ?? [])] };
}

/**
 * Fixes found a little at a time, for a page that runs the checks as people type: each run uses the
 * fixes found so far and looks for new ones only until its budget is spent, so one run never holds
 * the page for long; `unfinished` says another run would find more.
 */
export function fixesInInstalments(speller: Speller, budgetMs: number, now: () => number = () => performance.now()) {
  const found = new Map<string, string[]>();
  return {
    forRun(): { speller: Speller; unfinished: () => boolean } {
      const started = now();
      let skipped = false;
      return {
        speller: {
          correct: (word) => speller.correct(word),
          suggest(word) {
            const known = found.get(word);
            if (known) return known;
            if (now() - started >= budgetMs) {
              skipped = true;
              return [];
            }
            const fixes = speller.suggest(word);
            found.set(word, fixes);
            return fixes;
          },
        },
        unfinished: () => skipped,
      };
    },
  };
}
