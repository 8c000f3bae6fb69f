/** Move the caret into another field at once. */
import type { Editor } from '@tiptap/core';
import { Selection } from '@tiptap/pm/state';

/**
 * Focus an editor at its start or end synchronously. Tiptap's focus command waits for an animation
 * frame, so keys typed straight after Enter would still land in the field being left.
 */
export function focusField(editor: Editor | null, where: 'start' | 'end'): void {
  if (!editor || editor.isDestroyed) return;
  const { state, view } = editor;
  const selection = where === 'start' ? Selection.atStart(state.doc) : Selection.atEnd(state.doc);
  view.dispatch(state.tr.setSelection(selection).scrollIntoView());
  view.focus();
}
