/** The story body: rich text on the shared schema, co-edited, with the toolbar and remote carets. */
import type { ReactNode } from 'react';
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
}

/** The body editor with its sticky toolbar (or, when it cannot be edited, a notice in its place). */
export function BodyEditor({ session, editable, onEditor, notice }: BodyEditorProps) {
  const editor = useEditor(
    {
      extensions: [
        ...bodyExtensions({ collaborative: true }),
        // Collaboration brings undo and redo that only take back this writer's own changes.
        Collaboration.configure({ fragment: session.fragment('body') }),
        FieldCarets.configure({ awareness: session.awareness, field: 'body' }),
        Placeholder.configure({ placeholder: 'Write the story…' }),
        LinkShortcut,
      ],
      editable,
      editorProps: {
        attributes: { class: 'body-input', 'aria-label': 'Story body', 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true' },
      },
    },
    [session],
  );

  useFieldEditor(editor, editable, onEditor);

  return (
    <>
      <div className={`toolbar-dock${notice ? ' toolbar-dock--notice' : ''}`}>{notice ?? (editor && <Toolbar editor={editor} editable={editable} />)}</div>
      <div className="body-field" data-field="body">
        <EditorContent editor={editor} />
      </div>
    </>
  );
}
