/** Every transition by every role over REST, each gate, and the audit log. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleStates, type ArticleState } from '../../shared/article';
import type { ApiError, AuditEntry, ArticleDetail } from '../../shared/api';
import { Actions, canTransition, mayTake, targetOf, Transitions, type Action } from '../../shared/workflow';
import { api, startGalley, type RunningGalley } from '../helpers/galley';
import { makeNewsroom, readyStory, type Newsroom } from '../helpers/newsroom';
import { connectEditor, firstParagraphText, waitFor } from '../helpers/editor';

let running: RunningGalley;
let newsroom: Newsroom;

/**
 * The reporter submits her story to the copy desk, then types plainly into its body: suggest-only now,
 * a plain insertion is not a suggestion, and her connection is refused as such (4422). Gives the body
 * as it was before her typing, and the story after the refusal.
 */
async function submitThenTypePlainly(id: string, writer: ReturnType<typeof connectEditor>, closes: number[]) {
  expect((await api(running.url, newsroom.author.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' })).status).toBe(200);
  const before = JSON.stringify((await api<ArticleDetail>(running.url, newsroom.publisher.cookie, 'GET', `/api/articles/${id}`)).body.body);
  await waitFor(async () => (await api<ArticleDetail>(running.url, newsroom.author.cookie, 'GET', `/api/articles/${id}`)).body.access === 'suggest', 'the author to be suggest-only');
  firstParagraphText(writer.doc, 'body').insert(0, 'Late insert. ');
  await waitFor(() => closes.includes(4422), 'the author connection to be refused');
  return { before, after: await api<ArticleDetail>(running.url, newsroom.publisher.cookie, 'GET', `/api/articles/${id}`) };
}

beforeAll(async () => {
  running = await startGalley();
  newsroom = await makeNewsroom(running.galley, running.url);
});
afterAll(() => running.stop());

const tomorrow = () => new Date(Date.now() + 24 * 3600 * 1000).toISOString();
const requestFor = (action: Action) => ({ action, note: Transitions[action].needsNote || action === 'republish' ? 'Because the desk says so.' : undefined, at: action === 'schedule' ? tomorrow() : undefined });

describe('each transition by each role', () => {
  it('allows exactly what the table allows, refusing the rest with 403 (who) or 409 (state), and changes nothing when refused', async () => {
    const people = [
      { key: 'author', role: 'writer', isAuthor: true },
      { key: 'otherWriter', role: 'writer', isAuthor: false },
      { key: 'copyEditor', role: 'copy_editor', isAuthor: false },
      { key: 'publisher', role: 'publisher', isAuthor: false },
      { key: 'admin', role: 'admin', isAuthor: false },
    ] as const;
    const id = await readyStory(running.galley, newsroom.author.id);
    let checked = 0;
    for (const action of Actions) {
      for (const state of ArticleStates) {
        for (const p of people) {
          await running.galley.articles.applyStateChange(id, { state, spikedFrom: state === 'spiked' ? 'copy_edit' : null, scheduledAt: state === 'scheduled' ? tomorrow() : null }, new Date());
          const res = await api<ApiError & { state: ArticleState }>(running.url, newsroom[p.key].cookie, 'POST', `/api/articles/${id}/transitions`, requestFor(action));
          const label = `${p.key} ${action} from ${state}`;
          if (!mayTake(action, p.role, p.isAuthor)) {
            expect(res.status, label).toBe(403);
            expect(res.body.error, label).toBe('not_allowed');
          } else if (!canTransition(action, state)) {
            expect(res.status, label).toBe(409);
            expect(res.body.error, label).toBe('wrong_state');
            expect(res.body.message, label).toContain(Transitions[action].label);
          } else {
            expect(res.status, `${label}: ${res.body.message}`).toBe(200);
            expect(res.body.state, label).toBe(targetOf(action, { spikedFrom: 'copy_edit' }));
          }
          if (res.status !== 200) expect((await running.galley.articles.byId(id))!.state, label).toBe(state);
          checked++;
        }
      }
    }
    expect(checked).toBe(Actions.length * ArticleStates.length * people.length);
  });
});

describe('gates', () => {
  it('refuses a return or unpublish without a note (422 note_required)', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'copy_edit');
    const res = await api<ApiError>(running.url, newsroom.copyEditor.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'return', note: '  ' });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('note_required');
  });

  it('refuses to submit an empty story', async () => {
    const { body: empty } = await api<ArticleDetail>(running.url, newsroom.author.cookie, 'POST', '/api/articles', {});
    const res = await api<ApiError>(running.url, newsroom.author.cookie, 'POST', `/api/articles/${empty.id}/transitions`, { action: 'submit' });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('empty_story');
  });

  it('refuses to publish a story the checklist flags, naming the rule, until it is fixed', async () => {
    const { body } = await api<ArticleDetail>(running.url, newsroom.author.cookie, 'POST', '/api/articles', { headline: 'Council approves the night bus pilot' });
    await running.galley.articles.applyStateChange(body.id, { state: 'approval' }, new Date());
    const res = await api<ApiError & { details: { failing: { rule: string }[] } }>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${body.id}/transitions`, { action: 'publish' });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('checklist');
    expect(res.body.details.failing.map((f) => f.rule)).toEqual(['standfirst', 'body_length']);

    const detail = await api<ArticleDetail>(running.url, newsroom.publisher.cookie, 'GET', `/api/articles/${body.id}`);
    expect(detail.body.checklist.filter((i) => !i.ok).map((i) => i.rule)).toEqual(['standfirst', 'body_length']);
    expect(detail.body.actions).toEqual(['send_back', 'publish', 'schedule']);
    expect(detail.body.access).toBe('edit');
  });

  it('refuses a schedule in the past or without a time', async () => {
    const id = await readyStory(running.galley, newsroom.author.id, 'approval');
    for (const at of [undefined, 'not a date', new Date(Date.now() - 60_000).toISOString()]) {
      const res = await api<ApiError>(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'schedule', at });
      expect(res.status, String(at)).toBe(422);
      expect(res.body.error).toBe('schedule_time');
    }
  });

  it('answers an unknown action or story with 400 and 404', async () => {
    const id = await readyStory(running.galley, newsroom.author.id);
    expect((await api(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/${id}/transitions`, { action: 'teleport' })).status).toBe(400);
    expect((await api(running.url, newsroom.publisher.cookie, 'POST', `/api/articles/nope/transitions`, { action: 'submit' })).status).toBe(404);
  });
});

describe('the audit log', () => {
  it('records who took each step, when, from, to and the note, and restores a spiked story to where it was', async () => {
    const id = await readyStory(running.galley, newsroom.author.id);
    const step = (cookie: string, action: Action, note?: string) => api(running.url, cookie, 'POST', `/api/articles/${id}/transitions`, { action, note });
    expect((await step(newsroom.author.cookie, 'submit')).status).toBe(200);
    expect((await step(newsroom.copyEditor.cookie, 'return', 'Needs a second source.')).status).toBe(200);
    expect((await step(newsroom.author.cookie, 'submit')).status).toBe(200);
    expect((await step(newsroom.publisher.cookie, 'spike')).status).toBe(200);
    expect((await step(newsroom.publisher.cookie, 'restore')).status).toBe(200);
    const { body } = await api<{ events: AuditEntry[] }>(running.url, newsroom.author.cookie, 'GET', `/api/articles/${id}/events`);
    expect(body.events.map((e) => [e.action, e.from, e.to, e.by?.name, e.note])).toEqual([
      ['submit', 'draft', 'copy_edit', 'Rosa Okafor', null],
      ['return', 'copy_edit', 'draft', 'Inès Moreau', 'Needs a second source.'],
      ['submit', 'draft', 'copy_edit', 'Rosa Okafor', null],
      ['spike', 'copy_edit', 'spiked', 'Sam Achebe', null],
      ['restore', 'spiked', 'copy_edit', 'Sam Achebe', null],
    ]);
    expect((await running.galley.articles.byId(id))!.state).toBe('copy_edit');
  });
});

describe('bylines', () => {
  it('lets an author add a co-author, who then may edit the draft', async () => {
    const id = await readyStory(running.galley, newsroom.author.id);
    expect((await api<ArticleDetail>(running.url, newsroom.otherWriter.cookie, 'GET', `/api/articles/${id}`)).body.access).toBe('comment');
    const refused = await api(running.url, newsroom.otherWriter.cookie, 'POST', `/api/articles/${id}/authors`, { userId: newsroom.otherWriter.id });
    expect(refused.status).toBe(403);
    const added = await api<ArticleDetail>(running.url, newsroom.author.cookie, 'POST', `/api/articles/${id}/authors`, { userId: newsroom.otherWriter.id });
    expect(added.status).toBe(201);
    expect(added.body.authors.map((a) => a.name)).toEqual(['Rosa Okafor', 'Tom Lindqvist']);
    expect((await api<ArticleDetail>(running.url, newsroom.otherWriter.cookie, 'GET', `/api/articles/${id}`)).body.access).toBe('edit');
  });

  it('keeps the slug editable until first publication', async () => {
    const id = await readyStory(running.galley, newsroom.author.id);
    const renamed = await api<ArticleDetail>(running.url, newsroom.author.cookie, 'PATCH', `/api/articles/${id}`, { slug: 'Bridge Closure: Night Works!' });
    expect(renamed.body.slug).toBe('bridge-closure-night-works');
    await running.galley.articles.applyStateChange(id, { state: 'published', firstPublishedAt: new Date().toISOString() }, new Date());
    const fixed = await api<ApiError>(running.url, newsroom.publisher.cookie, 'PATCH', `/api/articles/${id}`, { slug: 'something-else' });
    expect(fixed.status).toBe(409);
  });
});

describe('collab access follows the workflow', () => {
  it('drops a reporter’s direct edits once the story is with the copy desk, live, and stores none of them', async () => {
    const id = await readyStory(running.galley, newsroom.author.id);
    const writer = connectEditor(running.url, id, newsroom.author.cookie);
    const desk = connectEditor(running.url, id, newsroom.copyEditor.cookie);
    await Promise.all([writer.synced, desk.synced]);
    const closes: number[] = [];
    writer.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));

    // In draft the reporter edits freely.
    firstParagraphText(writer.doc, 'standfirst').insert(0, 'Update: ');
    await waitFor(() => firstParagraphText(desk.doc, 'standfirst').toString().startsWith('Update: '), 'the desk to see the draft edit');

    // The copy desk may only comment in draft: its edit is refused and stored nowhere.
    const deskCloses: number[] = [];
    desk.provider.on('connection-close', (e: CloseEvent | null) => e && deskCloses.push(e.code));
    firstParagraphText(desk.doc, 'headline').insert(0, 'DESK ');
    await waitFor(() => deskCloses.includes(4409), 'the desk connection to be refused');

    const { before, after } = await submitThenTypePlainly(id, writer, closes);
    expect(JSON.stringify(after.body.body)).toBe(before);
    expect(after.body.headline).toBe('Harbour bridge to close for six weeks');
    expect(after.body.standfirst).toBe('Update: Night closures from Monday.');
    writer.destroy();
    desk.destroy();
  });

  it('takes the step to a reporter who has only been reading the story, and refuses her plain edit after it', async () => {
    const id = await readyStory(running.galley, newsroom.author.id);
    const writer = connectEditor(running.url, id, newsroom.author.cookie);
    await writer.synced;
    const closes: number[] = [];
    writer.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
    // She has read the story and typed nothing: the server still serves it from the stored bytes.
    await new Promise((r) => setTimeout(r, 100));
    expect(running.galley.collab.openRoom(id)).toBeUndefined();

    const { before, after } = await submitThenTypePlainly(id, writer, closes);
    expect(JSON.stringify(after.body.body)).toBe(before);
    writer.destroy();
  });
});
