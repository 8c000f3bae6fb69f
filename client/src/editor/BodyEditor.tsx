/** The story body: rich text on the shared schema, co-edited, with the toolbar and remote carets. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { Extension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { Placeholder } from '@tiptap/extensions';
import { bodyExtensions } from '../../../shared/schema';
import type { CollabSession } from './collabSession';
import { FieldCarets } from './fieldCarets';
import { useFieldEditor } from './useFieldEditor';
import { promptForLink } from './links';
import { Toolbar } from './Toolbar';
import { SuggestChanges, type EditMode } from './suggesting/SuggestChanges';

/** Mod-k asks for a link, as in every newsroom tool. */
const LinkShortcut = Extension.create({
  name: 'linkShortcut',
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        promptForLink(this.editor);
        return true;
      },
    };
  },
});

interface BodyEditorProps {
  session: CollabSession;
  editable: boolean;
  onEditor: (editor: Editor | null) => void;
  /** Shown in the toolbar's place while the text cannot be edited here (the mode, a refusal). */
  notice?: ReactNode;
  /** Editing, Suggesting (changes tracked as suggestions by `author`) or Viewing. */
  mode: EditMode;
  /** The signed-in user's id: the author of the suggestions made here. */
  author: string;
  /** Shown in place of the formatting controls (for someone who may only suggest). */
  hint?: ReactNode;
  /** The mode switch, at the toolbar's right end. */
  modeToggle?: ReactNode;
}

/** How long the word that a change could not be suggested stays up. */
const refusalShownMs = 4_000;

/** The body editor with its sticky toolbar (or, when it cannot be edited, a notice in its place). */
export function BodyEditor({ session, editable, onEditor, notice, mode, author, hint, modeToggle }: BodyEditorProps) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const showRefusal = useRef((why: string) => setRefusal(why));
  const editor = useEditor(
    {
      extensions: [
        ...bodyExtensions({ collaborative: true }),
        // Collaboration brings undo and redo that only take back this writer's own changes.
        Collaboration.configure({ fragment: session.fragment('body') }),
        FieldCarets.configure({ awareness: session.awareness, field: 'body' }),
        Placeholder.configure({ placeholder: 'Write the story…' }),
        LinkShortcut,
        SuggestChanges.configure({ author, onRefused: (why) => showRefusal.current(why) }),
      ],
      editable,
      editorProps: {
        attributes: { class: 'body-input', 'aria-label': 'Story body', 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true' },
      },
    },
    [session],
  );

  useFieldEditor(editor, editable, onEditor);

  useEffect(() => {
    if (editor) editor.storage.suggestChanges.mode = mode;
  }, [editor, mode]);

  useEffect(() => {
    if (!refusal) return;
    const timer = setTimeout(() => setRefusal(null), refusalShownMs);
    return () => clearTimeout(timer);
  }, [refusal]);

  return (
    <>
      <div className={`toolbar-dock${notice ? ' toolbar-dock--notice' : ''}`}>
        {notice ?? (editor && <Toolbar editor={editor} editable={editable} suggesting={mode === 'suggesting'} hint={hint} trailing={modeToggle} />)}
        {refusal && (
          <div className="suggest-refused" role="status" data-testid="suggestion-refused">
            {refusal}
          </div>
        )}
      </div>
      <div className="body-field" data-field="body">
        <EditorContent editor={editor} />
      </div>
    </>
  );
}
