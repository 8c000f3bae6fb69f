/** Puts the comment highlights on the body editor while it lives, and keeps them in step with the threads. */
import { useEffect, useRef } from 'react';
import type { Editor } from '@tiptap/react';
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
    if (editor && !editor.isDestroyed && commentHighlightsKey.getState(editor.state)) refreshHighlights(editor.view);
  }, [editor, model]);
}
