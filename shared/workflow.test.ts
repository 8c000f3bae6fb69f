/** Every cell of DESIGN.md's access and transition tables, walked one by one. */
import { describe, expect, it } from 'vitest';
import { ArticleStates, type ArticleState } from './article';
import { Roles, type Role } from './roles';
import { accessFor, Actions, allows, availableActions, canTransition, mayTake, targetOf, type Access, type Action } from './workflow';

// DESIGN.md "Who may do what", copied cell by cell: [writer author, writer not author, copy_editor, publisher/admin].
const accessTable: Record<ArticleState, [Access, Access, Access, Access]> = {
  draft: ['edit', 'comment', 'comment', 'edit'],
  copy_edit: ['suggest', 'comment', 'edit', 'edit'],
  approval: ['comment', 'read', 'suggest', 'edit'],
  scheduled: ['read', 'read', 'read', 'read'],
  published: ['suggest', 'read', 'edit', 'edit'],
  unpublished: ['read', 'read', 'read', 'read'],
  spiked: ['read', 'read', 'read', 'read'],
};

// DESIGN.md transitions: action → [from states, to states, who].
type Who = 'author' | 'copy_editor' | 'publisher';
const transitionTable: Record<Action, [ArticleState[], ArticleState[], Who[]]> = {
  submit: [['draft'], ['copy_edit'], ['author', 'publisher']],
  return: [['copy_edit'], ['draft'], ['copy_editor', 'publisher']],
  sign_off: [['copy_edit'], ['approval'], ['copy_editor']],
  send_back: [['approval'], ['copy_edit', 'draft'], ['publisher']],
  publish: [['approval'], ['published'], ['publisher']],
  schedule: [['approval'], ['scheduled'], ['publisher']],
  unschedule: [['scheduled'], ['approval'], ['publisher']],
  republish: [['published'], ['published'], ['publisher']],
  unpublish: [['published'], ['unpublished'], ['publisher']],
  spike: [['draft', 'copy_edit'], ['spiked'], ['publisher']],
  restore: [['spiked'], ['draft', 'copy_edit'], ['publisher']],
};

const people: { role: Role; isAuthor: boolean; column: number; who: Who | null }[] = [
  { role: 'writer', isAuthor: true, column: 0, who: 'author' },
  { role: 'writer', isAuthor: false, column: 1, who: null },
  { role: 'copy_editor', isAuthor: false, column: 2, who: 'copy_editor' },
  { role: 'copy_editor', isAuthor: true, column: 2, who: 'copy_editor' },
  { role: 'publisher', isAuthor: false, column: 3, who: 'publisher' },
  { role: 'publisher', isAuthor: true, column: 3, who: 'publisher' },
  { role: 'admin', isAuthor: false, column: 3, who: 'publisher' },
];

describe('accessFor', () => {
  for (const state of ArticleStates) {
    for (const p of people) {
      it(`${p.role}${p.isAuthor ? ' (author)' : ''} in ${state} → ${accessTable[state][p.column]}`, () => {
        expect(accessFor(p.role, p.isAuthor, state)).toBe(accessTable[state][p.column]);
      });
    }
  }

  it('covers every role', () => {
    expect(new Set(people.map((p) => p.role))).toEqual(new Set(Roles));
  });
});

describe('transitions', () => {
  for (const action of Actions) {
    const [from, to, who] = transitionTable[action];
    for (const state of ArticleStates) {
      it(`${action} ${from.includes(state) ? 'is' : 'is not'} available from ${state}`, () => {
        expect(canTransition(action, state)).toBe(from.includes(state));
      });
    }
    for (const p of people) {
      // A copy editor or publisher on the byline acts in their role, not as the author.
      const allowed = p.who !== null && who.includes(p.who);
      it(`${action} ${allowed ? 'may' : 'may not'} be taken by ${p.role}${p.isAuthor ? ' (author)' : ''}`, () => {
        expect(mayTake(action, p.role, p.isAuthor)).toBe(allowed);
      });
    }
    it(`${action} leads to ${to.join(' or ')}`, () => {
      expect(to).toContain(targetOf(action));
      for (const target of to) expect(targetOf(action, { requested: target, spikedFrom: target })).toBe(target);
    });
  }

  it('restores a spiked story to where it was spiked from, and sends back to the desk by default', () => {
    expect(targetOf('restore', { spikedFrom: 'copy_edit' })).toBe('copy_edit');
    expect(targetOf('restore', { spikedFrom: null })).toBe('draft');
    expect(targetOf('send_back')).toBe('copy_edit');
    expect(targetOf('send_back', { requested: 'published' })).toBe('copy_edit');
  });

  it('offers a reporter on the byline only "submit" in draft, and the desk only its own steps', () => {
    expect(availableActions('writer', true, 'draft')).toEqual(['submit']);
    expect(availableActions('writer', false, 'draft')).toEqual([]);
    expect(availableActions('copy_editor', false, 'copy_edit')).toEqual(['return', 'sign_off']);
    expect(availableActions('publisher', false, 'approval')).toEqual(['send_back', 'publish', 'schedule']);
  });
});

describe('allows', () => {
  it('orders access from edit down to read', () => {
    expect(allows('edit', 'suggest')).toBe(true);
    expect(allows('suggest', 'edit')).toBe(false);
    expect(allows('comment', 'read')).toBe(true);
    expect(allows('read', 'comment')).toBe(false);
  });
});
