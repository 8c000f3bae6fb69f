/**
 * The History tab: the story's versions (saved, compared, restored; see VersionsPanel), then its audit
 * log, newest first — who moved it, when, from where to where, why.
 */
import type { AuditEntry } from '../../../shared/api';
import { StateLabels } from '../../../shared/article';
import { StepDone, type Access } from '../../../shared/workflow';
import { Avatar } from '../ui/Avatars';
import { fullTime, relativeTime } from '../ui/relativeTime';
import { useNow } from '../ui/useNow';
import { VersionsPanel } from './VersionsPanel';


function actionLabel(entry: AuditEntry): string {
  if (entry.action === 'send_back') return entry.to === 'draft' ? 'Sent back to the reporter' : 'Sent back to the copy desk';
  return StepDone[entry.action] ?? entry.action;
}

/** The versions and the audit log. */
export function HistoryPanel({ articleId, access, events, createdAt, createdBy }: { articleId: string; access: Access | null; events: AuditEntry[] | null; createdAt: string; createdBy: string }) {
  return (
    <>
      {/* Each workflow step saves a version: a new audit entry means a new version to list. */}
      <VersionsPanel articleId={articleId} access={access} refreshKey={events?.length ?? 0} />
      <section className="panel-section history-log">
        <h2 className="panel-section__title">Workflow</h2>
        <AuditLog events={events} createdAt={createdAt} createdBy={createdBy} />
      </section>
    </>
  );
}

/** The audit log. */
function AuditLog({ events, createdAt, createdBy }: { events: AuditEntry[] | null; createdAt: string; createdBy: string }) {
  const now = useNow(30_000);
  if (!events) return <p className="muted panel-pad">Loading the history…</p>;
  const newestFirst = [...events].reverse();
  return (
    <ol className="history" data-testid="history">
      {newestFirst.map((entry) => (
        <li key={entry.id} className="history__entry" data-testid="history-entry" data-action={entry.action}>
          <span className="history__who">{entry.by ? <Avatar person={entry.by} size="sm" /> : <span className="avatar avatar--sm avatar--system">G</span>}</span>
          <div className="history__body">
            <p className="history__line">
              <strong>{entry.by?.name ?? 'Galley'}</strong> · {actionLabel(entry)}
            </p>
            <p className="history__states">
              <span className={`state-label state-label--sm state-label--${entry.from}`}>{StateLabels[entry.from]}</span>
              <span aria-label="to" className="history__arrow">
                →
              </span>
              <span className={`state-label state-label--sm state-label--${entry.to}`}>{StateLabels[entry.to]}</span>
            </p>
            {entry.note && <blockquote className="history__note">{entry.note}</blockquote>}
            <time className="history__time" dateTime={entry.at} title={fullTime(entry.at)}>
              {relativeTime(entry.at, now)} · {fullTime(entry.at)}
            </time>
          </div>
        </li>
      ))}
      <li className="history__entry history__entry--start">
        <span className="history__who">
          <span className="history__origin" aria-hidden="true" />
        </span>
        <div className="history__body">
          <p className="history__line">
            <strong>{createdBy}</strong> · Started the story
          </p>
          <time className="history__time" dateTime={createdAt} title={fullTime(createdAt)}>
            {relativeTime(createdAt, now)} · {fullTime(createdAt)}
          </time>
        </div>
      </li>
    </ol>
  );
}
