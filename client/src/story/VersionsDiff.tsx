/**
 * A comparison of two states of a story, drawn from the server's attributed diff: one marked-up text
 * (insertions underlined in their author's colour, deletions struck through) or the two side by side,
 * and, for "changes since sign-off", a list of each change with who made it.
 */
import { useEffect, useId, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { Person } from '../../../shared/api';
import type { ChangeSummary, DiffBlock, DiffField, DiffSpan, VersionDiff } from '../../../shared/versions';
import { Avatar } from '../ui/Avatars';

const fieldLabels: Record<DiffField, string> = { headline: 'Headline', standfirst: 'Standfirst', body: 'Body' };

/** The colour an author's changes are drawn in (a neutral ink when the author is not known). */
const authorStyle = (by: Person | undefined): CSSProperties => ({ ['--author-color' as string]: by?.color ?? 'var(--muted)' });

function Span({ span }: { span: DiffSpan }) {
  if (span.kind === 'same') return <>{span.text}</>;
  const who = span.by?.name ?? 'someone';
  if (span.kind === 'insert') {
    return (
      <ins className="diff-ins" style={authorStyle(span.by)} title={`Added by ${who}`} data-testid="diff-insert" data-author={span.by?.id ?? ''}>
        {span.text}
      </ins>
    );
  }
  return (
    <del className="diff-del" style={authorStyle(span.by)} title={`Deleted by ${who}`} data-testid="diff-delete" data-author={span.by?.id ?? ''}>
      {span.text}
    </del>
  );
}

function Block({ block, side }: { block: DiffBlock; side?: 'old' | 'new' }) {
  const spans = side === 'old' ? block.spans.filter((s) => s.kind !== 'insert') : side === 'new' ? block.spans.filter((s) => s.kind !== 'delete') : block.spans;
  if (spans.length === 0) return <p className="diff-block diff-block--empty" aria-hidden="true" />;
  return (
    <p className={`diff-block diff-block--${block.kind} diff-block--${block.type}`} data-testid="diff-block" data-kind={block.kind}>
      {spans.map((span, i) => (
        <Span key={i} span={span} />
      ))}
    </p>
  );
}

/** The blocks of a comparison, under a label per field. */
function DiffText({ blocks, sideBySide }: { blocks: DiffBlock[]; sideBySide: boolean }) {
  const groups: { field: DiffField; blocks: DiffBlock[] }[] = [];
  for (const block of blocks) {
    const last = groups[groups.length - 1];
    if (last?.field === block.field) last.blocks.push(block);
    else groups.push({ field: block.field, blocks: [block] });
  }
  return (
    <div className={`diff-text${sideBySide ? ' diff-text--sides' : ''}`} data-testid="diff-text">
      {groups.map((group) => (
        <section key={group.field} className={`diff-field diff-field--${group.field}`}>
          <h3 className="diff-field__label">{fieldLabels[group.field]}</h3>
          {group.blocks.map((block, i) =>
            sideBySide ? (
              <div key={i} className="diff-row">
                <Block block={block} side="old" />
                <Block block={block} side="new" />
              </div>
            ) : (
              <Block key={i} block={block} />
            ),
          )}
        </section>
      ))}
    </div>
  );
}

const quote = (text: string) => {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return `“${trimmed.length > 140 ? `${trimmed.slice(0, 139)}…` : trimmed}”`;
};

/** One change in words: who replaced, added or deleted what, and where. */
function changeSentence(change: ChangeSummary): string {
  const what = change.deleted.trim() && change.inserted.trim() ? `replaced ${quote(change.deleted)} with ${quote(change.inserted)}` : change.inserted.trim() ? `added ${quote(change.inserted)}` : `deleted ${quote(change.deleted)}`;
  const where = change.field === 'body' ? (change.before ? ` after “${change.before}”` : ' at the start') : ` in the ${change.field}`;
  return `${what}${where}`;
}

/** "What changed, and who did it": one line per change. */
export function ChangesList({ changes }: { changes: ChangeSummary[] }) {
  if (changes.length === 0) return <p className="muted" data-testid="changes-none">Nothing has changed.</p>;
  return (
    <ol className="changes" data-testid="changes" data-count={changes.length}>
      {changes.map((change, i) => (
        <li key={i} className="changes__item" data-testid="change" data-author={change.by.map((p) => p.id).join(' ')} style={authorStyle(change.by[0])}>
          <span className="changes__who">
            {change.by.length ? change.by.map((p) => <Avatar key={p.id} person={p} size="sm" />) : <span className="avatar avatar--sm avatar--system">?</span>}
          </span>
          <p className="changes__text" data-testid="change-text">
            <strong data-testid="change-author">{change.by.length ? change.by.map((p) => p.name).join(' and ') : 'Someone'}</strong> {changeSentence(change)}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** Everyone whose changes a comparison shows, with their colour. */
function AuthorKey({ authors }: { authors: Person[] }) {
  if (authors.length === 0) return null;
  return (
    <ul className="diff-key" aria-label="Who made the changes">
      {authors.map((p) => (
        <li key={p.id} className="diff-key__item" style={authorStyle(p)} data-testid="diff-author">
          <span className="diff-key__swatch" aria-hidden="true" />
          {p.name}
        </li>
      ))}
      <li className="diff-key__item diff-key__item--legend">
        <ins className="diff-ins">added</ins> <del className="diff-del">deleted</del>
      </li>
    </ul>
  );
}

interface VersionsViewProps {
  title: string;
  subtitle?: ReactNode;
  diff: VersionDiff | null;
  /** The per-change summary, for "changes since sign-off". */
  changes?: ChangeSummary[];
  /** Shown instead of a comparison (nothing to compare yet). */
  empty?: ReactNode;
  /** Buttons beside Close (Restore). */
  actions?: ReactNode;
  onClose: () => void;
}

/** A wide modal showing a comparison; Escape or Close closes it. */
export function VersionsView({ title, subtitle, diff, changes, empty, actions, onClose }: VersionsViewProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [sideBySide, setSideBySide] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const changed = diff ? diff.blocks.filter((b) => b.kind !== 'same').length : 0;
  return (
    <dialog
      ref={ref}
      className={`dialog versions-view${sideBySide ? ' versions-view--sides' : ''}`}
      aria-labelledby={titleId}
      data-testid="versions-view"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="versions-view__head">
        <div>
          <h2 className="dialog__title" id={titleId}>
            {title}
          </h2>
          {subtitle && <p className="versions-view__subtitle">{subtitle}</p>}
        </div>
        {diff && (
          <div className="segmented" role="group" aria-label="Layout">
            <button type="button" className={`segmented__option${sideBySide ? '' : ' is-active'}`} aria-pressed={!sideBySide} onClick={() => setSideBySide(false)} data-testid="diff-inline">
              One text
            </button>
            <button type="button" className={`segmented__option${sideBySide ? ' is-active' : ''}`} aria-pressed={sideBySide} onClick={() => setSideBySide(true)} data-testid="diff-sides">
              Side by side
            </button>
          </div>
        )}
      </header>
      <div className="versions-view__body">
        {changes && diff && (
          <section className="versions-view__summary" data-testid="changes-summary">
            <h3 className="panel-section__title">{changes.length === 1 ? 'One change' : `${changes.length} changes`}</h3>
            <ChangesList changes={changes} />
          </section>
        )}
        {diff ? (
          <>
            <div className="versions-view__ends">
              <span>
                From <strong>{diff.from.name}</strong>
              </span>
              <span aria-hidden="true">→</span>
              <span>
                to <strong>{diff.to.id === 'live' ? 'the story now' : diff.to.name}</strong>
              </span>
              <span className="versions-view__count">{changed === 0 ? 'no changes' : changed === 1 ? 'one block changed' : `${changed} blocks changed`}</span>
            </div>
            <AuthorKey authors={diff.authors} />
            {sideBySide && (
              <div className="diff-row diff-row--head" aria-hidden="true">
                <span>{diff.from.name}</span>
                <span>{diff.to.id === 'live' ? 'Now' : diff.to.name}</span>
              </div>
            )}
            <DiffText blocks={diff.blocks} sideBySide={sideBySide} />
          </>
        ) : (
          empty
        )}
      </div>
      <footer className="dialog__buttons versions-view__foot">
        {actions}
        <button type="button" className="button" onClick={onClose} data-testid="versions-view-close">
          Close
        </button>
      </footer>
    </dialog>
  );
}
