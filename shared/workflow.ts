/**
 * The editorial workflow as data (DESIGN.md, "Who may do what"): who may do what to an article in
 * each state, which transitions exist, who may take each, and what gate it must pass. Pure: the
 * server enforces it on every door, the client uses it to show only what a person may do.
 */
import type { ArticleState } from './article';
import type { Role } from './roles';

/** What a person may do to an article's text. */
export type Access = 'edit' | 'suggest' | 'comment' | 'read';

/** Access levels from most to least. */
export const AccessLevels: readonly Access[] = ['edit', 'suggest', 'comment', 'read'];

/** Whether `access` allows at least `needed`. */
export function allows(access: Access, needed: Access): boolean {
  return AccessLevels.indexOf(access) <= AccessLevels.indexOf(needed);
}

type AccessRow = { author: Access; other: Access; copyEditor: Access; publisher: Access };

/** DESIGN.md's access table, one row per state. */
export const AccessTable: Record<ArticleState, AccessRow> = {
  draft: { author: 'edit', other: 'comment', copyEditor: 'comment', publisher: 'edit' },
  copy_edit: { author: 'suggest', other: 'comment', copyEditor: 'edit', publisher: 'edit' },
  approval: { author: 'comment', other: 'read', copyEditor: 'suggest', publisher: 'edit' },
  scheduled: { author: 'read', other: 'read', copyEditor: 'read', publisher: 'read' },
  published: { author: 'suggest', other: 'read', copyEditor: 'edit', publisher: 'edit' },
  unpublished: { author: 'read', other: 'read', copyEditor: 'read', publisher: 'read' },
  spiked: { author: 'read', other: 'read', copyEditor: 'read', publisher: 'read' },
};

/** The access of a person to an article: by role, by whether they are on its byline, and by its state. */
export function accessFor(role: Role, isAuthor: boolean, state: ArticleState): Access {
  const row = AccessTable[state];
  if (role === 'publisher' || role === 'admin') return row.publisher;
  if (role === 'copy_editor') return row.copyEditor;
  return isAuthor ? row.author : row.other;
}

/** The actions a person can take on an article. */
export const Actions = ['submit', 'return', 'sign_off', 'send_back', 'publish', 'schedule', 'unschedule', 'republish', 'unpublish', 'spike', 'restore'] as const;
export type Action = (typeof Actions)[number];

/** Who may take an action. */
type Actor = 'author' | 'copy_editor' | 'publisher';

/** One row of DESIGN.md's transition table. */
export interface TransitionRule {
  action: Action;
  from: readonly ArticleState[];
  /** The state it leads to; send_back and restore choose among several (see `targetOf`). */
  to: readonly ArticleState[];
  who: readonly Actor[];
  /** A note is required (return, send_back, unpublish). */
  needsNote: boolean;
  /** The publish checklist must pass. */
  needsChecklist: boolean;
  label: string;
}

const rule = (action: Action, from: ArticleState[], to: ArticleState[], who: Actor[], label: string, gate: { note?: boolean; checklist?: boolean } = {}): TransitionRule => ({
  action,
  from,
  to,
  who,
  label,
  needsNote: gate.note ?? false,
  needsChecklist: gate.checklist ?? false,
});

/** DESIGN.md's transition table. */
export const Transitions: Record<Action, TransitionRule> = {
  submit: rule('submit', ['draft'], ['copy_edit'], ['author', 'publisher'], 'Submit to the copy desk'),
  return: rule('return', ['copy_edit'], ['draft'], ['copy_editor', 'publisher'], 'Return to the reporter', { note: true }),
  sign_off: rule('sign_off', ['copy_edit'], ['approval'], ['copy_editor'], 'Sign off'),
  send_back: rule('send_back', ['approval'], ['copy_edit', 'draft'], ['publisher'], 'Send back', { note: true }),
  publish: rule('publish', ['approval'], ['published'], ['publisher'], 'Publish', { checklist: true }),
  schedule: rule('schedule', ['approval'], ['scheduled'], ['publisher'], 'Schedule', { checklist: true }),
  unschedule: rule('unschedule', ['scheduled'], ['approval'], ['publisher'], 'Unschedule'),
  republish: rule('republish', ['published'], ['published'], ['publisher'], 'Republish', { checklist: true }),
  unpublish: rule('unpublish', ['published'], ['unpublished'], ['publisher'], 'Unpublish', { note: true }),
  spike: rule('spike', ['draft', 'copy_edit'], ['spiked'], ['publisher'], 'Spike'),
  restore: rule('restore', ['spiked'], ['draft', 'copy_edit'], ['publisher'], 'Restore'),
};

/** Whether a person in `role` (on the byline or not) is among those who may take `action`. */
export function mayTake(action: Action, role: Role, isAuthor: boolean): boolean {
  const who = Transitions[action].who;
  if (role === 'publisher' || role === 'admin') return who.includes('publisher');
  if (role === 'copy_editor') return who.includes('copy_editor');
  return isAuthor && who.includes('author');
}

/** Whether `action` can be taken from `state` at all. */
export function canTransition(action: Action, state: ArticleState): boolean {
  return Transitions[action].from.includes(state);
}

/** The actions a person may take on an article in its state now (gates not yet checked). */
export function availableActions(role: Role, isAuthor: boolean, state: ArticleState): Action[] {
  return Actions.filter((a) => canTransition(a, state) && mayTake(a, role, isAuthor));
}

/**
 * Where an action leads. send_back goes to `requested` when it names one of its targets (the copy
 * desk by default); restore returns a spiked story to the state it was spiked from.
 */
export function targetOf(action: Action, options: { requested?: ArticleState; spikedFrom?: ArticleState | null } = {}): ArticleState {
  const { to } = Transitions[action];
  if (action === 'restore') return options.spikedFrom && to.includes(options.spikedFrom) ? options.spikedFrom : 'draft';
  if (options.requested && to.includes(options.requested)) return options.requested;
  return to[0];
}

/** Steps the server takes on its own: a scheduled story goes out, or comes back when it cannot. */
export type ServerStep = 'scheduled_publish' | 'schedule_failed';

/** What each step did, as a version name and a line of the audit log read it. */
export const StepDone: Record<Action | ServerStep, string> = {
  submit: 'Submitted to the copy desk',
  return: 'Returned to the reporter',
  sign_off: 'Signed off by the copy desk',
  send_back: 'Sent back',
  publish: 'Published',
  schedule: 'Scheduled',
  unschedule: 'Unscheduled',
  republish: 'Republished',
  unpublish: 'Unpublished',
  spike: 'Spiked',
  restore: 'Restored',
  scheduled_publish: 'Published on schedule',
  schedule_failed: 'Not published at the scheduled time',
};
