/**
 * The workflow side of a story: where it is, what the viewer may do next (the server's `actions`,
 * labelled from the shared table), the publish checklist, and the public page once it is out.
 */
import { useState } from 'react';
import type { ArticleDetail, AuditEntry } from '../../../shared/api';
import { StateLabels, type ArticleState } from '../../../shared/article';
import type { ChecklistItem } from '../../../shared/checklist';
import { Transitions, type Action } from '../../../shared/workflow';
import { transition, type ImportReport } from '../api/articles';
import { ApiRequestError } from '../api/http';
import { fullTime, relativeTime } from '../ui/relativeTime';
import { Timestamp } from '../ui/Timestamp';
import { useNow } from '../ui/useNow';
import { StatePhrases } from './AccessMode';
import { Checklist } from './Checklist';
import { DialogActions, TransitionDialog } from './TransitionDialog';

const whereItIs: Record<ArticleState, string> = {
  draft: 'The reporters are writing it.',
  copy_edit: 'The copy desk is editing it and signs it off.',
  approval: 'Signed off. Waiting for an editor to publish or schedule it.',
  scheduled: 'It goes out by itself at the scheduled time.',
  published: 'Live on the public site.',
  unpublished: 'Taken down from the public site.',
  spiked: 'Shelved. An editor can restore it.',
};

/** The order buttons appear in: the step forward first, the drastic ones last. */
const actionOrder: Action[] = ['submit', 'sign_off', 'publish', 'republish', 'restore', 'schedule', 'unschedule', 'return', 'send_back', 'unpublish', 'spike'];
const forward = new Set<Action>(['submit', 'sign_off', 'publish', 'republish', 'restore']);
const drastic = new Set<Action>(['spike', 'unpublish']);

const doneMessages: Partial<Record<Action, string>> = {
  submit: 'Sent to the copy desk.',
  return: 'Returned to the reporter.',
  sign_off: 'Signed off. The editors have been told.',
  send_back: 'Sent back.',
  publish: 'Published.',
  schedule: 'Scheduled.',
  unschedule: 'Unscheduled: it is back awaiting approval.',
  republish: 'Republished.',
  unpublish: 'Unpublished.',
  spike: 'Spiked.',
  restore: 'Restored.',
};

interface WorkflowPanelProps {
  detail: ArticleDetail;
  events: AuditEntry[] | null;
  /** A step was taken: refresh the story. */
  onStep: () => void;
  importReport: ImportReport | null;
  onDismissImport: () => void;
}

/** The Workflow tab of the story page. */
export function WorkflowPanel({ detail, events, onStep, importReport, onDismissImport }: WorkflowPanelProps) {
  const now = useNow(30_000);
  const [dialog, setDialog] = useState<Action | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** Items the server named as failing in its last refusal, shown until the refreshed checklist arrives. */
  const [refusal, setRefusal] = useState<{ failing: ChecklistItem[]; basis: ChecklistItem[] } | null>(null);

  const actions = actionOrder.filter((a) => detail.actions.includes(a));
  const entered = [...(events ?? [])].reverse().find((e) => e.to === detail.state);
  const since = entered?.at ?? detail.createdAt;
  const checklist = refusal && refusal.basis === detail.checklist ? mergeRefusal(detail.checklist, refusal.failing) : detail.checklist;

  function stepped(action: Action): void {
    setError(null);
    setRefusal(null);
    setDone(doneMessages[action] ?? null);
    onStep();
  }

  function refused(e: ApiRequestError): void {
    const failing = (e.details as { failing?: ChecklistItem[] } | undefined)?.failing;
    if (e.error === 'checklist' && Array.isArray(failing)) setRefusal({ failing, basis: detail.checklist });
    // The story may have moved on under us (409): show where it is now.
    onStep();
  }

  async function take(action: Action): Promise<void> {
    setDone(null);
    if (DialogActions.has(action)) {
      setError(null);
      setDialog(action);
      return;
    }
    setBusy(action);
    setError(null);
    try {
      await transition(detail.id, { action });
      stepped(action);
    } catch (e) {
      if (e instanceof ApiRequestError) {
        setError(e.message);
        refused(e);
      } else setError('That did not work. Try again.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="workflow">
      {importReport && (
        <div className="notice notice--info" role="status" data-testid="import-report">
          <div className="notice__body">
            <strong>Made from pasted text.</strong>{' '}
            {importReport.dropped.length === 0 ? 'Nothing was left out.' : `Left out (${importReport.dropped.length}):`}
            {importReport.dropped.length > 0 && (
              <ul className="notice__list">
                {importReport.dropped.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
            {importReport.heroCredit && <p>Picture credit kept for the hero image: {importReport.heroCredit}.</p>}
          </div>
          <button type="button" className="notice__close" aria-label="Dismiss" onClick={onDismissImport}>
            ×
          </button>
        </div>
      )}

      <section className="panel-section">
        <div className="status-card">
          <div className="status-card__row">
            <span className={`state-label state-label--lg state-label--${detail.state}`}>{StateLabels[detail.state]}</span>
            <Timestamp className="status-card__since" iso={since}>
              since {relativeTime(since, now)}
            </Timestamp>
          </div>
          <p className="status-card__text">{whereItIs[detail.state]}</p>
          {detail.state === 'scheduled' && detail.scheduledAt && (
            <p className="status-card__line">
              Goes out <strong>{fullTime(detail.scheduledAt)}</strong>
            </p>
          )}
          {detail.state === 'published' && detail.slug && (
            <p className="status-card__line">
              <a className="public-link" data-testid="public-link" href={`/news/${encodeURIComponent(detail.slug)}`} target="_blank" rel="noopener">
                View the public page
                <svg width="13" height="13" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                  <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
                </svg>
              </a>
              {detail.publishedAt && <span className="muted"> · updated {relativeTime(detail.publishedAt, now)}</span>}
            </p>
          )}
        </div>
      </section>

      <section className="panel-section" aria-labelledby="next-step-title">
        <div className="panel-section__head">
          <h3 className="panel-section__title" id="next-step-title">
            Next step
          </h3>
        </div>
        {actions.length === 0 ? (
          <p className="muted">Nothing for you to do while the story is {StatePhrases[detail.state]}.</p>
        ) : (
          <div className="actions">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={`button ${forward.has(action) ? 'button--primary actions__main' : drastic.has(action) ? 'button--quiet-danger' : ''}`}
                data-testid={`action-${action}`}
                disabled={busy !== null}
                onClick={() => void take(action)}
              >
                {busy === action ? 'Working…' : Transitions[action].label}
              </button>
            ))}
          </div>
        )}
        <p className="panel-error" role="alert" data-testid="workflow-error">
          {error}
        </p>
        {done && !error && (
          <p className="panel-done" role="status">
            {done}
          </p>
        )}
      </section>

      <Checklist items={checklist} />

      {dialog && (
        <TransitionDialog
          action={dialog}
          detail={detail}
          onClose={() => setDialog(null)}
          onRefused={refused}
          onDone={() => {
            const action = dialog;
            setDialog(null);
            stepped(action);
          }}
        />
      )}
    </div>
  );
}

/** The checklist with the server's latest refusal applied on top (it names what failed just now). */
function mergeRefusal(items: ChecklistItem[], refused: ChecklistItem[]): ChecklistItem[] {
  const byRule = new Map(refused.map((i) => [i.rule, i]));
  return items.map((i) => byRule.get(i.rule) ?? i);
}
