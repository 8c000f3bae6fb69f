/**
 * The dialog for a workflow step that needs more than a click: a note (return, send back, unpublish,
 * a correction on republish), a time (schedule), or a second thought (publish, spike).
 */
import { useState } from 'react';
import type { ArticleDetail } from '../../../shared/api';
import { slugify } from '../../../shared/slug';
import { Transitions, type Action } from '../../../shared/workflow';
import { transition, type TransitionRequest, type TransitionResult } from '../api/articles';
import { ApiRequestError } from '../api/http';
import { Dialog } from '../ui/Dialog';
import { fromLocalInputValue, fullTime, toLocalInputValue, tomorrowMorning } from '../ui/relativeTime';

/** The steps that open this dialog rather than going straight to the server. */
export const DialogActions: ReadonlySet<Action> = new Set<Action>(['return', 'send_back', 'unpublish', 'republish', 'schedule', 'publish', 'spike']);

interface Copy {
  title: string;
  description: string;
  noteLabel?: string;
  notePlaceholder?: string;
  confirm: string;
  danger?: boolean;
}

function copyFor(action: Action, detail: ArticleDetail): Copy {
  // Until first publication the server makes the slug from the headline (adding -2 if it is taken).
  const publicPath = `/news/${detail.slug ?? slugify(detail.headline)}`;
  switch (action) {
    case 'return':
      return {
        title: 'Return to the reporter',
        description: 'The story goes back to draft. Tell the authors what it needs.',
        noteLabel: 'What needs doing',
        notePlaceholder: 'The second source is missing; please check the figures in paragraph 4.',
        confirm: 'Return to the reporter',
      };
    case 'send_back':
      return {
        title: 'Send back',
        description: 'Choose who gets the story again, and say why.',
        noteLabel: 'Why',
        notePlaceholder: 'Needs a response from the council before it runs.',
        confirm: 'Send back',
      };
    case 'unpublish':
      return {
        title: 'Unpublish',
        description: 'The public page and the feed entry are taken down. The reason stays in the story’s history.',
        noteLabel: 'Reason',
        notePlaceholder: 'Legal asked us to take it down pending review.',
        confirm: 'Unpublish',
        danger: true,
      };
    case 'republish':
      return {
        title: 'Republish',
        description: 'The public page gets the current text. If the text changed since publication, readers see a correction note.',
        noteLabel: 'Correction note for readers',
        notePlaceholder: 'An earlier version of this story gave the wrong closing date.',
        confirm: 'Republish',
      };
    case 'schedule':
      return { title: 'Schedule', description: 'The story goes out by itself at this time, if the checklist still passes then.', confirm: 'Schedule' };
    case 'publish':
      return { title: 'Publish now', description: `The story goes public at ${publicPath} and in the feed.`, confirm: 'Publish' };
    case 'spike':
      return { title: 'Spike the story', description: 'The story is shelved: nobody can edit it until an editor restores it.', confirm: 'Spike', danger: true };
    default:
      return { title: Transitions[action].label, description: '', confirm: Transitions[action].label };
  }
}

interface TransitionDialogProps {
  action: Action;
  detail: ArticleDetail;
  onDone: (result: TransitionResult) => void;
  /** A refusal the panel should show too (the checklist failing flags its items). */
  onRefused: (error: ApiRequestError) => void;
  onClose: () => void;
}

/** Asks for what a step needs, then takes it. */
export function TransitionDialog({ action, detail, onDone, onRefused, onClose }: TransitionDialogProps) {
  const rule = Transitions[action];
  const copy = copyFor(action, detail);
  const [note, setNote] = useState('');
  const [sendTo, setSendTo] = useState<'copy_edit' | 'draft'>('copy_edit');
  const [at, setAt] = useState(() => toLocalInputValue(tomorrowMorning().toISOString()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const wantsNote = rule.needsNote || action === 'republish';
  const scheduledAt = action === 'schedule' ? fromLocalInputValue(at) : null;
  const ready = (!rule.needsNote || note.trim().length > 0) && (action !== 'schedule' || scheduledAt !== null);

  async function confirm(): Promise<void> {
    const step: TransitionRequest = { action };
    if (note.trim()) step.note = note.trim();
    if (action === 'send_back') step.to = sendTo;
    if (action === 'schedule' && scheduledAt) step.at = scheduledAt;
    setBusy(true);
    setError(null);
    try {
      onDone(await transition(detail.id, step));
    } catch (e) {
      setBusy(false);
      if (e instanceof ApiRequestError) {
        setError(e.message);
        onRefused(e);
      } else setError('That did not work. Try again.');
    }
  }

  return (
    <Dialog
      title={copy.title}
      description={copy.description}
      confirmLabel={copy.confirm}
      confirmTestId="transition-confirm"
      confirmDisabled={!ready}
      busy={busy}
      danger={copy.danger}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      {rule.needsChecklist && <ChecklistSummary detail={detail} />}
      {action === 'send_back' && (
        <fieldset className="choice">
          <legend className="field__label">Send it to</legend>
          <label className="choice__option">
            <input type="radio" name="send-back-to" value="copy_edit" checked={sendTo === 'copy_edit'} onChange={() => setSendTo('copy_edit')} data-testid="send-back-copy_edit" />
            <span>
              <strong>The copy desk</strong>
              <span className="choice__hint">for another edit</span>
            </span>
          </label>
          <label className="choice__option">
            <input type="radio" name="send-back-to" value="draft" checked={sendTo === 'draft'} onChange={() => setSendTo('draft')} data-testid="send-back-draft" />
            <span>
              <strong>The reporter</strong>
              <span className="choice__hint">back to draft</span>
            </span>
          </label>
        </fieldset>
      )}
      {action === 'schedule' && (
        <label className="field">
          <span className="field__label">Publish at</span>
          <input
            className="field__input"
            type="datetime-local"
            data-testid="schedule-at"
            value={at}
            min={toLocalInputValue(new Date().toISOString())}
            data-autofocus
            onChange={(e) => setAt(e.target.value)}
          />
          <span className="field__hint">{scheduledAt ? fullTime(scheduledAt) : 'Choose a date and a time.'}</span>
        </label>
      )}
      {wantsNote && (
        <label className="field">
          <span className="field__label">
            {copy.noteLabel}
            {!rule.needsNote && <span className="field__optional"> — needed only if the text changed</span>}
          </span>
          <textarea
            className="field__textarea"
            data-testid="transition-note"
            rows={3}
            value={note}
            placeholder={copy.notePlaceholder}
            data-autofocus
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
      )}
    </Dialog>
  );
}

/** One line on the checklist before a step that needs it; the server checks it again when taken. */
function ChecklistSummary({ detail }: { detail: ArticleDetail }) {
  const failing = detail.checklist.filter((i) => !i.ok);
  if (failing.length === 0) return <p className="dialog__check is-ok">The publish checklist passes.</p>;
  return (
    <div className="dialog__check is-failing">
      <p>
        {failing.length} {failing.length === 1 ? 'item' : 'items'} of the publish checklist {failing.length === 1 ? 'fails' : 'fail'}:
      </p>
      <ul>
        {failing.map((i) => (
          <li key={i.rule}>{i.message}</li>
        ))}
      </ul>
    </div>
  );
}
