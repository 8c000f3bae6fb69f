/** The live word count of an editor, as the copy desk counts words (shared/text.ts). */
import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';
import { wordCountOf, type ProseMirrorJSON } from '../../../shared/text';

function countOf(editor: Editor): number {
  return wordCountOf(editor.getJSON() as ProseMirrorJSON);
}

/** Words in the editor's document; follows local and remote edits. */
export function useWordCount(editor: Editor | null): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!editor) {
      setCount(0);
      return;
    }
    // A story of a few thousand words counts in well under a millisecond: no need to throttle.
    const recount = (): void => setCount(countOf(editor));
    recount();
    editor.on('update', recount);
    return () => {
      editor.off('update', recount);
    };
  }, [editor]);
  return count;
}
