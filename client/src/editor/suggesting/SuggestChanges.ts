/**
 * The body editor's modes, as in a shared document: Editing (changes go straight in), Suggesting
 * (changes are tracked as this writer's suggestions) and Viewing (nothing changes here). Remote changes
 * (y-sync), undo and redo of Yjs, and accepting or rejecting suggestions are never tracked.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { plainInsertions, trackTransaction, TrackedMeta, Untrackable } from './track';

/** How the writer works on the body now. */
export type EditMode = 'editing' | 'suggesting' | 'viewing';

/** What the extension keeps per editor. */
export interface SuggestChangesStorage {
  mode: EditMode;
}

declare module '@tiptap/core' {
  interface Storage {
    suggestChanges: SuggestChangesStorage;
  }
}

interface SuggestChangesOptions {
  /** The signed-in user's id: the author of every suggestion made here. */
  author: string;
  /** Called when a change could not be made as a suggestion (it is dropped), with why. */
  onRefused: (why: string) => void;
}

/** Changes that came from elsewhere (other editors, Yjs undo) or that resolve suggestions. */
function leaveAlone(tr: Transaction): boolean {
  return !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined || tr.getMeta(TrackedMeta) === true;
}

/** Marks a transaction as one the tracker must leave alone (accepting and rejecting suggestions). */
export function untracked(tr: Transaction): Transaction {
  return tr.setMeta(TrackedMeta, true);
}

/** Tracks the body's changes as suggestions while the mode is Suggesting. */
export const SuggestChanges = Extension.create<SuggestChangesOptions, SuggestChangesStorage>({
  name: 'suggestChanges',

  addOptions() {
    return { author: '', onRefused: () => undefined };
  },

  addStorage() {
    return { mode: 'editing' };
  },

  dispatchTransaction({ transaction, next }) {
    if (leaveAlone(transaction)) return next(transaction);
    if (this.storage.mode !== 'suggesting') return next(plainInsertions(transaction));
    try {
      next(trackTransaction(this.editor.state, transaction, { author: this.options.author }));
    } catch (err) {
      if (!(err instanceof Untrackable)) throw err;
      this.options.onRefused(err.message);
    }
  },

  addProseMirrorPlugins() {
    const storage = this.storage;
    return [
      new Plugin({
        key: new PluginKey('suggestChangesGuard'),
        // Changes that do not pass through dispatch (a plugin's appended transaction, such as an
        // autolink) must not slip in untracked while suggesting: the server would refuse them.
        filterTransaction: (tr) => storage.mode !== 'suggesting' || leaveAlone(tr),
      }),
    ];
  },
});
