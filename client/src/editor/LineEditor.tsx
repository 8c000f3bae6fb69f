/** The headline or the standfirst: one plain paragraph, co-edited, with remote carets. */
import { useRef } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { Extension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { Placeholder } from '@tiptap/extensions';
import { lineExtensions } from '../../../shared/schema';
import type { CollabSession } from './collabSession';
import { FieldCarets } from './fieldCarets';
import { useFieldEditor } from './useFieldEditor';

/** Where a line field sends the caret when the writer leaves it with the keyboard. */
export interface LineNavigation {
  /** Enter, or ArrowDown at the end of the line. */
  next?: () => void;
  /** ArrowUp at the start of the line. */
  previous?: () => void;
}

interface LineEditorProps {
  session: CollabSession;
  field: 'headline' | 'standfirst';
  label: string;
  placeholder: string;
  editable: boolean;
  navigation: LineNavigation;
  onEditor: (editor: Editor | null) => void;
}

/** One line has no paragraphs to split: line breaks pasted in become spaces. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A single-line co-edited field. */
export function LineEditor({ session, field, label, placeholder, editable, navigation, onEditor }: LineEditorProps) {
  const navigationRef = useRef(navigation);
  navigationRef.current = navigation;

  const editor = useEditor(
    {
      extensions: [
        ...lineExtensions(),
        Collaboration.configure({ fragment: session.fragment(field) }),
        FieldCarets.configure({ awareness: session.awareness, field }),
        Placeholder.configure({ placeholder }),
        Extension.create({
          name: 'lineNavigation',
          addKeyboardShortcuts() {
            const next = (): boolean => {
              navigationRef.current.next?.();
              return true;
            };
            return {
              Enter: next,
              'Shift-Enter': next,
              'Mod-Enter': next,
              ArrowDown: ({ editor: e }) => {
                const { selection, doc } = e.state;
                if (!selection.empty || selection.head < doc.content.size - 1 || !navigationRef.current.next) return false;
                navigationRef.current.next();
                return true;
              },
              ArrowUp: ({ editor: e }) => {
                const { selection } = e.state;
                if (!selection.empty || selection.head > 1 || !navigationRef.current.previous) return false;
                navigationRef.current.previous();
                return true;
              },
            };
          },
        }),
      ],
      editable,
      editorProps: {
        attributes: {
          class: `line-input line-input--${field}`,
          'aria-label': label,
          'aria-multiline': 'false',
          role: 'textbox',
          spellcheck: 'true',
        },
        transformPastedText: oneLine,
        handlePaste: (view, event) => {
          // Pasted HTML may hold several paragraphs, which one line cannot; take its text instead.
          const text = event.clipboardData?.getData('text/plain');
          if (text === undefined || text === '') return false;
          view.dispatch(view.state.tr.insertText(oneLine(text)).scrollIntoView());
          return true;
        },
      },
    },
    [session, field],
  );

  useFieldEditor(editor, editable, onEditor);

  return (
    <div className={`line-field line-field--${field}`} data-field={field}>
      <EditorContent editor={editor} />
    </div>
  );
}
