/** How the viewer works on the story now: editing, suggesting, or viewing — and why. */
import type { ReactNode } from 'react';
import type { ArticleState } from '../../../shared/article';
import type { Access } from '../../../shared/workflow';

/** The words for each access, as the story bar shows them. */
export const AccessLabels: Record<Access, string> = { edit: 'Editing', suggest: 'Suggesting', comment: 'Viewing', read: 'Viewing' };

/** Where a story is, in a sentence: "while the story is on the copy desk". */
export const StatePhrases: Record<ArticleState, string> = {
  draft: 'in draft',
  copy_edit: 'on the copy desk',
  approval: 'awaiting approval',
  scheduled: 'scheduled',
  published: 'published',
  unpublished: 'unpublished',
  spiked: 'spiked',
};

const icons: Record<Access, ReactNode> = {
  edit: <path d="M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4" />,
  suggest: (
    <>
      <path d="M4 20h4L19 9l-4-4L4 16v4z" />
      <path d="M14 20h6" strokeDasharray="2 2.5" />
    </>
  ),
  comment: (
    <>
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
    </>
  ),
  read: (
    <>
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
    </>
  ),
};

/** Why the viewer may not edit directly, for the notice in the toolbar's place. */
export function modeExplanation(access: Access, state: ArticleState): string {
  if (access === 'suggest') return `Direct edits are closed while the story is ${StatePhrases[state]}: your changes to the body are suggestions.`;
  if (state === 'draft') return 'Only the story’s authors and the editors write a draft. You can read along.';
  if (state === 'scheduled') return 'The story is scheduled: an editor unschedules it to change it.';
  return `The story is ${StatePhrases[state]}. You can read it; others edit it now.`;
}

/** The mode pill of the story bar, with `data-access` for tests. */
export function AccessMode({ access, state }: { access: Access | null; state: ArticleState | null }) {
  const title = access && state ? (access === 'edit' ? `You can edit this story while it is ${StatePhrases[state]}.` : modeExplanation(access, state)) : undefined;
  return (
    <span className={`access-mode access-mode--${access ?? 'unknown'}`} data-testid="access-mode" data-access={access ?? ''} title={title} aria-hidden={!access}>
      {access && (
        <>
          <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            {icons[access]}
          </svg>
          {AccessLabels[access]}
        </>
      )}
    </span>
  );
}

/** The notice shown in the toolbar's place. */
export function DockNotice({ tone, title, children, onDismiss }: { tone: 'suggest' | 'view' | 'warn'; title: string; children: ReactNode; onDismiss?: () => void }) {
  return (
    <div className={`dock-notice dock-notice--${tone}`} role={tone === 'warn' ? 'alert' : 'status'} data-testid={tone === 'warn' ? 'changes-refused' : 'mode-notice'}>
      <span className="dock-notice__title">{title}</span>
      <span className="dock-notice__text">{children}</span>
      {onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}

