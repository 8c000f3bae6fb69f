/**
 * Commenting on words of the body: select them and a "Comment" button floats beside the selection
 * (or press Ctrl+Alt+M, ⌘⌥M on a Mac, as in a shared document); a small box opens under the words,
 * which stay highlighted while the comment is written. The anchor is taken when the box opens, so
 * others may keep typing meanwhile without moving the words.
 */
import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Editor } from '@tiptap/react';
import { BodyLayout, type ThreadAnchor } from '../../../shared/comments';
import type { CollabSession } from '../editor/collabSession';
import { leavesOf, wordsOf } from '../editor/comments/commentHighlights';
import { sendsOnModEnter, type CommentsModel } from './CommentsPanel';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
/** How the shortcut reads on this platform. */
export const commentShortcut = isMac ? '⌘⌥M' : 'Ctrl+Alt+M';

interface Spot {
  top: number;
  left: number;
}

interface Draft {
  anchor: ThreadAnchor;
  quote: string;
}

interface CommentsComposerProps {
  editor: Editor | null;
  session: CollabSession | null;
  comments: CommentsModel;
  mayComment: boolean;
  /** A thread was opened here. */
  onOpened: (threadId: string) => void;
}

/** Where to float next to a range of the body: just above its first line, at its left edge. */
function spotOf(editor: Editor, from: number): Spot | null {
  try {
    const start = editor.view.coordsAtPos(from, 1);
    const field = editor.view.dom.getBoundingClientRect();
    return { top: start.top, left: Math.max(field.left, Math.min(start.left, field.right - 120)) };
  } catch {
    return null;
  }
}

/** The floating Comment button, the shortcut and the box a comment is written in. */
export function CommentsComposer({ editor, session, comments, mayComment, onOpened }: CommentsComposerProps) {
  const [selection, setSelection] = useState<{ from: number; to: number } | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const { setDraft: highlightDraft } = comments;

  // Follow the body's selection: only a real range of words gets the button.
  useEffect(() => {
    if (!editor || !mayComment) {
      setSelection(null);
      return;
    }
    const follow = () => {
      const { from, to, empty } = editor.state.selection;
      setSelection(empty ? null : { from, to });
    };
    follow();
    editor.on('selectionUpdate', follow);
    editor.on('update', follow);
    return () => {
      editor.off('selectionUpdate', follow);
      editor.off('update', follow);
    };
  }, [editor, mayComment]);

  // Positions on the page move with scrolling and resizing.
  useEffect(() => {
    if (!selection && !draft) return;
    const again = () => setTick((n) => n + 1);
    window.addEventListener('scroll', again, true);
    window.addEventListener('resize', again);
    return () => {
      window.removeEventListener('scroll', again, true);
      window.removeEventListener('resize', again);
    };
  }, [selection, draft]);

  const start = useCallback(() => {
    if (!editor || !session || !mayComment || editor.isDestroyed) return false;
    const { from, to, empty } = editor.state.selection;
    if (empty) return false;
    const made = new BodyLayout(session.fragment('body'), leavesOf(editor.schema)).anchor(from, to);
    if (!made) return false;
    setDraft(made);
    highlightDraft(made.anchor);
    setText('');
    setError(null);
    return true;
  }, [editor, session, mayComment, highlightDraft]);

  const cancel = useCallback(() => {
    setDraft(null);
    highlightDraft(null);
    setError(null);
  }, [highlightDraft]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || !(isMac ? event.metaKey : event.ctrlKey) || event.shiftKey || event.code !== 'KeyM') return;
      if (start()) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [start]);

  // Access closed while writing: the box goes.
  useEffect(() => {
    if (!mayComment && draft) cancel();
  }, [mayComment, draft, cancel]);

  const send = async () => {
    const body = text.trim();
    if (!draft || !body || busy) return;
    setBusy(true);
    setError(null);
    try {
      const thread = await comments.open({ anchor: draft.anchor, quote: draft.quote, body });
      setDraft(null);
      highlightDraft(null);
      onOpened(thread.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The comment could not be saved. Try again.');
    } finally {
      setBusy(false);
    }
  };

  if (!editor || editor.isDestroyed || !mayComment) return null;

  if (draft) {
    const words = session ? wordsOf(editor, session.fragment('body'), draft.anchor) : null;
    const spot = words && spotOf(editor, words.from);
    const below = words && (() => {
      try {
        return editor.view.coordsAtPos(words.to, -1).bottom;
      } catch {
        return null;
      }
    })();
    const top = below ?? spot?.top ?? 120;
    const left = spot?.left ?? editor.view.dom.getBoundingClientRect().left;
    return createPortal(
      <div className="comment-composer" data-testid="comment-composer" role="dialog" aria-label="New comment" style={{ top: top + 8, left }}>
        <p className="comment-composer__quote">“{draft.quote}”</p>
        <textarea
          className="field__textarea comment-composer__box"
          data-testid="comment-input"
          rows={3}
          autoFocus
          placeholder="Comment, or @ and a name to tell a colleague"
          value={text}
          disabled={busy}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              cancel();
              editor.commands.focus();
            } else sendsOnModEnter(() => void send())(event);
          }}
        />
        {error && (
          <p className="comment-composer__error" role="alert">
            {error}
          </p>
        )}
        <div className="comment-composer__actions">
          <button type="button" className="button button--sm button--quiet" onClick={cancel} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="button button--sm button--primary" data-testid="comment-submit" onClick={() => void send()} disabled={busy || !text.trim()}>
            Comment
          </button>
        </div>
      </div>,
      document.body,
    );
  }

  // Words that already carry an open thread (just opened, or shown from the margin) get no button.
  const same = selection && comments.views.some((v) => !v.thread.resolvedAt && !v.place.detached && v.place.from === selection.from && v.place.to === selection.to);
  const spot = selection && !same ? spotOf(editor, selection.from) : null;
  if (!spot) return null;
  return createPortal(
    <button
      type="button"
      className="comment-float"
      data-testid="comment-button"
      style={{ top: spot.top - 40, left: spot.left }}
      title={`Comment on the selected words (${commentShortcut})`}
      // Keep the selection: the button must not take it away before it reads it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => void start()}
    >
      <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
      </svg>
      Comment
    </button>,
    document.body,
  );
}
