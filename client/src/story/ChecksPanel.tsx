/**
 * The Checks tab: spelling and house-style problems in the headline, standfirst and body as the text
 * changes. Each shows where it is; a click selects it in the editor. A fix is applied in one click to the
 * live text; the copy desk (and editors) may dismiss a problem with a reason, undo that, or add a word to
 * the newsroom dictionary.
 */
import { useState, type FormEvent } from 'react';
import type { Me } from '../../../shared/api';
import type { CheckField, CheckProblem } from '../../../shared/checks/types';
import { ApiRequestError } from '../api/http';
import { useChecks, type CheckEditors } from './useChecks';

const RuleLabels: Record<string, string> = {
  spelling: 'Spelling',
  doubled_word: 'Doubled word',
  per_cent: 'Per cent',
  per_cent_sign: 'Per cent',
  numbers: 'Numbers',
  age_form: 'Ages',
  date_form: 'Dates',
  cliche: 'Cliché',
  headline_length: 'Headline length',
  double_space: 'Spacing',
  straight_quotes: 'Quotes',
};
const FieldLabels: Record<CheckField, string> = { headline: 'Headline', standfirst: 'Standfirst', body: 'Body' };
const CopyDesk = ['copy_editor', 'publisher', 'admin'];

/** Spaces made visible, so "two spaces" can be seen. */
const shown = (text: string) => (/^\s+$/.test(text) ? text.replace(/ /g, '·') : text);

function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiRequestError ? error.message : fallback;
}

/** The Checks tab of the story page. */
export function ChecksPanel({ articleId, me, editors }: { articleId: string; me: Me; editors: CheckEditors }) {
  const checks = useChecks(articleId, editors);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayDismiss = CopyDesk.includes(me.role);
  const open = checks.problems.filter((p) => !p.dismissal);
  const dismissed = checks.problems.filter((p) => p.dismissal);

  const act = async (work: () => Promise<void>, fallback: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(messageOf(err, fallback));
    } finally {
      setBusy(false);
    }
  };

  const submitDismissal = (problem: CheckProblem) => (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return;
    void act(async () => {
      await checks.dismiss(problem, reason.trim());
      setDismissing(null);
      setReason('');
    }, 'The problem could not be dismissed.');
  };

  const applyFix = (problem: CheckProblem) => {
    setNotice(checks.apply(problem) ? null : 'The text changed meanwhile; the list is up to date now.');
  };

  const item = (problem: CheckProblem) => {
    const isDismissing = dismissing === problem.id;
    return (
      <li
        key={problem.id}
        className={`check${problem.dismissal ? ' is-dismissed' : ''}`}
        data-testid="check-problem"
        data-rule={problem.rule}
        data-field={problem.field}
        data-text={problem.text}
        data-dismissed={problem.dismissal ? 'true' : 'false'}
      >
        <div className="check__head">
          <span className={`check__rule check__rule--${problem.rule === 'spelling' ? 'spelling' : 'style'}`}>{RuleLabels[problem.rule] ?? problem.rule}</span>
          <span className="check__field">{FieldLabels[problem.field]}</span>
        </div>
        <button type="button" className="check__context" data-testid="check-reveal" onClick={() => checks.reveal(problem)} title="Show it in the text">
          <span className="check__around">{problem.context.before}</span>
          <mark className="check__text">{shown(problem.text)}</mark>
          <span className="check__around">{problem.context.after}</span>
        </button>
        <p className="check__message">{problem.message}</p>
        {problem.dismissal ? (
          <div className="check__dismissal">
            <span className="check__reason" data-testid="check-dismissal-reason">
              Dismissed: {problem.dismissal.reason}
            </span>
            {mayDismiss && (
              <button type="button" className="link-button" data-testid="check-undo" disabled={busy} onClick={() => void act(() => checks.undo(problem.dismissal!.id), 'The dismissal could not be undone.')}>
                Undo
              </button>
            )}
          </div>
        ) : isDismissing ? (
          <form className="check__dismiss-form" onSubmit={submitDismissal(problem)}>
            <input
              className="field__input check__reason-input"
              data-testid="check-dismiss-reason"
              aria-label="Why dismiss it?"
              placeholder="Why? A quotation, a name, house usage…"
              value={reason}
              maxLength={500}
              autoFocus
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setDismissing(null)}
            />
            <button type="submit" className="button button--sm button--primary" data-testid="check-dismiss-confirm" disabled={busy || !reason.trim()}>
              Dismiss
            </button>
            <button type="button" className="button button--sm button--quiet" onClick={() => setDismissing(null)}>
              Cancel
            </button>
          </form>
        ) : (
          <div className="check__actions">
            {problem.fix !== undefined && (
              <button
                type="button"
                className="button button--sm check__fix"
                data-testid="check-fix"
                disabled={!checks.canEdit(problem.field)}
                title={checks.canEdit(problem.field) ? `Replace with “${problem.fix}”` : 'You cannot change the text of this story now.'}
                onClick={() => applyFix(problem)}
              >
                <span className="check__fix-label">Fix:</span> {shown(problem.fix)}
              </button>
            )}
            {mayDismiss && (
              <button
                type="button"
                className="button button--sm button--quiet"
                data-testid="check-dismiss"
                onClick={() => {
                  setDismissing(problem.id);
                  setReason('');
                }}
              >
                Dismiss…
              </button>
            )}
            {mayDismiss && problem.rule === 'spelling' && (
              <button type="button" className="link-button check__add-word" data-testid="check-add-word" disabled={busy} onClick={() => void act(() => checks.addWord(problem.text), 'The word could not be added.')}>
                Add to dictionary
              </button>
            )}
          </div>
        )}
      </li>
    );
  };

  return (
    <div className="checks" data-testid="checks">
      <section className="panel-section">
        <div className="panel-section__head">
          <h3 className="panel-section__title">Spelling and house style</h3>
          <span className={`checklist__summary${open.length ? ' is-failing' : ' is-passing'}`} data-testid="checks-count" data-count={open.length} aria-live="polite">
            {open.length ? `${open.length} to resolve` : 'All clear'}
          </span>
        </div>
        {checks.spelling === 'loading' && <p className="panel-section__hint">Loading the dictionary; house style is checked already.</p>}
        {checks.spelling === 'failed' && <p className="panel-error">The dictionary could not be loaded: spelling is not checked.</p>}
        {(error ?? checks.error) && <p className="panel-error" role="alert">{error ?? checks.error}</p>}
        {notice && <p className="panel-section__hint" role="status">{notice}</p>}
        {open.length === 0 ? (
          <p className="muted checks__empty">{checks.spelling === 'ready' ? 'No spelling or house-style problems.' : 'No house-style problems.'}</p>
        ) : (
          <ul className="checks__list">{open.map(item)}</ul>
        )}
      </section>
      {dismissed.length > 0 && (
        <section className="panel-section">
          <div className="panel-section__head">
            <h3 className="panel-section__title">Dismissed</h3>
            <span className="panel-section__hint">{dismissed.length}</span>
          </div>
          <ul className="checks__list">{dismissed.map(item)}</ul>
        </section>
      )}
    </div>
  );
}
