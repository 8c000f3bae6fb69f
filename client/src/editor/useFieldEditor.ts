/** What every field editor does with its Tiptap editor: follow the access it is given, and report itself. */
import { useEffect } from 'react';
import type { Editor } from '@tiptap/react';

/** Keeps an editor's editability in step with the viewer's access, and hands it to the page while it lives. */
export function useFieldEditor(editor: Editor | null, editable: boolean, onEditor: (editor: Editor | null) => void): void {
  useEffect(() => {
    editor?.setEditable(editable, false);
  }, [editor, editable]);

  useEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);
}
