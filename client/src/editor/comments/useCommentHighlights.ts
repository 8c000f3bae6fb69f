/** Puts the comment highlights on the body editor while it lives, and keeps them in step with the threads. */
import { useEffect, useRef } from 'react';
import type { Editor } from '@tiptap/react';
import { DecorationSet } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { commentHighlights, commentHighlightsKey, refreshHighlights, type HighlightModel } from './commentHighlights';

/** Highlights `model` in `editor`; `onActivate` hears a click on highlighted words. */
export function useCommentHighlights(editor: Editor | null, fragment: Y.XmlFragment | null, model: HighlightModel, onActivate: (threadId: string) => void): void {
  const latest = useRef({ model, onActivate });
  latest.current = { model, onActivate };

  useEffect(() => {
    if (!editor || !fragment || editor.isDestroyed) return;
    editor.registerPlugin(
      commentHighlights({
        fragment,
        model: () => latest.current.model,
        onActivate: (id) => latest.current.onActivate(id),
      }),
    );
    return () => {
      if (!editor.isDestroyed) editor.unregisterPlugin(commentHighlightsKey);
    };
  }, [editor, fragment]);

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const shown = commentHighlightsKey.getState(editor.state);
    // Highlights that are not there and have nothing to show need no redraw (a story without comments,
    // as its threads load): the redraw reads the page's selection, which lays the page out first.
    if (!shown || (shown === DecorationSet.empty && model.threads.length === 0 && !model.draft)) return;
    refreshHighlights(editor.view);
  }, [editor, model]);
}
