/**
 * The margin's list of tracked suggestions: each with its author, colour and the time the server first
 * saw it, with Accept / Reject (and Accept all / Reject all) for someone who may edit. A suggester may
 * withdraw (reject) their own. Accepting and rejecting are single transactions the tracker leaves alone.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import type { Person } from '../../../shared/api';
import { colorFor } from '../../../shared/people';
import { acceptSuggestions, listSuggestions, rejectSuggestions, type Suggestion, type SuggestionRecord, type SuggestionSelection } from '../../../shared/suggestions';
import type { Access } from '../../../shared/workflow';
import { listSuggestionRecords } from '../api/suggestions';
import { untracked } from '../editor/suggesting/SuggestChanges';
import { relativeTime } from '../ui/relativeTime';
import { Timestamp } from '../ui/Timestamp';
import { useNow } from '../ui/useNow';

/** Suggestions in the body editor, following every change to it (local or remote). */
export function useSuggestions(editor: Editor | null): Suggestion[] {
  const [list, setList] = useState<Suggestion[]>(() => (editor ? listSuggestions(editor.state.doc) : []));
  useEffect(() => {
    if (!editor) {
      setList([]);
      return;
    }
    let last = editor.state.doc;
    const refresh = () => {
      if (editor.state.doc === last) return;
      last = editor.state.doc;
      setList(listSuggestions(last));
    };
    setList(listSuggestions(last));
    editor.on('transaction', refresh);
    return () => {
      editor.off('transaction', refresh);
    };
  }, [editor]);
  return list;
}

/** How many times a suggestion the server has not listed yet is asked about again. */
const recordAttempts = 3;

/** The server's records (author, first seen), fetched again when a suggestion it did not list appears. */
function useRecords(articleId: string, ids: string[]): Map<string, SuggestionRecord> {
  const [records, setRecords] = useState(new Map<string, SuggestionRecord>());
  const [fetches, setFetches] = useState(0);
  const attempts = useRef(new Map<string, number>());
  const missing = ids.filter((id) => !records.has(id) && (attempts.current.get(id) ?? 0) < recordAttempts);
  const key = fetches === 0 ? '*' : missing.join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    // A short wait: the server records a suggestion just after it stores the update that made it.
    const timer = setTimeout(
      () => {
        for (const id of key.split(',')) attempts.current.set(id, (attempts.current.get(id) ?? 0) + 1);
        listSuggestionRecords(articleId, controller.signal).then(
          (list) => {
            setRecords(new Map(list.map((r) => [r.id, r])));
            setFetches((n) => n + 1);
          },
          () => {
            if (!controller.signal.aborted) setFetches((n) => n + 1);
          },
        );
      },
      key === '*' ? 0 : 400,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [articleId, key, fetches]);
  return records;
}

/** A quote of the suggested text, shortened. */
function quote(text: string): string {
  const clean = text.replace(/\s+/g, ' ');
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}

interface SuggestionsPanelProps {
  articleId: string;
  editor: Editor | null;
  access: Access | null;
  me: { id: string; name: string };
  /** Names known from the story (bylines, people present) for a suggestion the server has not listed yet. */
  people: Person[];
}

/** The Suggestions tab. */
export function SuggestionsPanel({ articleId, editor, access, me, people }: SuggestionsPanelProps) {
  const suggestions = useSuggestions(editor);
  const ids = useMemo(() => suggestions.map((s) => s.id), [suggestions]);
  const records = useRecords(articleId, ids);
  const now = useNow(30_000);
  const mayResolve = access === 'edit';

  const resolve = useCallback(
    (how: 'accept' | 'reject', which: SuggestionSelection) => {
      if (!editor) return;
      const tr = how === 'accept' ? acceptSuggestions(editor.state.tr, which) : rejectSuggestions(editor.state.tr, which);
      if (tr.docChanged) editor.view.dispatch(untracked(tr));
    },
    [editor],
  );

  const show = (s: Suggestion) => {
    if (!editor) return;
    editor.commands.setTextSelection({ from: s.from, to: s.to });
    editor.commands.scrollIntoView();
  };

  const nameOf = (s: Suggestion) => records.get(s.id)?.author.name ?? (s.author === me.id ? me.name : people.find((p) => p.id === s.author)?.name) ?? 'Someone';

  return (
    <section className="suggestions" data-testid="suggestions" data-count={suggestions.length} aria-label="Suggestions">
      <div className="suggestions__head panel-pad">
        <span className="panel-section__title">
          {suggestions.length === 0 ? 'No open suggestions' : `${suggestions.length} open suggestion${suggestions.length === 1 ? '' : 's'}`}
        </span>
        {mayResolve && suggestions.length > 0 && (
          <span className="suggestions__all">
            <button type="button" className="button button--sm" data-testid="suggestions-accept-all" onClick={() => resolve('accept', 'all')}>
              Accept all
            </button>
            <button type="button" className="button button--sm button--quiet" data-testid="suggestions-reject-all" onClick={() => resolve('reject', 'all')}>
              Reject all
            </button>
          </span>
        )}
      </div>
      {suggestions.length === 0 && (
        <p className="muted panel-pad suggestions__empty">
          {access === 'suggest' ? 'What you type and delete in the body is tracked as your suggestion.' : 'Changes made in Suggesting mode appear here for the desk to accept or reject.'}
        </p>
      )}
      <ol className="suggestions__list">
        {suggestions.map((s) => {
          const record = records.get(s.id);
          const own = s.author === me.id;
          return (
            <li key={s.id} className="suggestion-card" data-testid="suggestion" data-id={s.id} data-author={s.author} style={{ ['--suggestion-color' as string]: colorFor(s.author) }}>
              <button type="button" className="suggestion-card__body" onClick={() => show(s)} title="Show it in the text">
                <span className="suggestion-card__who">
                  <span className="suggestion-card__swatch" aria-hidden="true" />
                  <span className="suggestion-card__name" data-testid="suggestion-author">
                    {nameOf(s)}
                  </span>
                  <Timestamp className="suggestion-card__time" testId="suggestion-time" iso={record?.createdAt}>
                    {record ? relativeTime(record.createdAt, now) : ''}
                  </Timestamp>
                </span>
                <span className="suggestion-card__what" data-testid="suggestion-text">
                  {s.deleted && s.inserted ? (
                    <>
                      Replace <del>{quote(s.deleted)}</del> with <ins>{quote(s.inserted)}</ins>
                    </>
                  ) : s.inserted ? (
                    <>
                      Add <ins>{quote(s.inserted)}</ins>
                    </>
                  ) : (
                    <>
                      Delete <del>{quote(s.deleted)}</del>
                    </>
                  )}
                </span>
              </button>
              {(mayResolve || (own && access === 'suggest')) && (
                <span className="suggestion-card__actions">
                  {mayResolve && (
                    <button type="button" className="button button--sm" data-testid="suggestion-accept" onClick={() => resolve('accept', [s.id])}>
                      Accept
                    </button>
                  )}
                  <button type="button" className="button button--sm button--quiet" data-testid="suggestion-reject" onClick={() => resolve('reject', [s.id])}>
                    {mayResolve ? 'Reject' : 'Withdraw'}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
