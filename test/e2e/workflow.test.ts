/**
 * A story's way from the reporter to the reader, in three Chromium contexts (reporter, copy desk,
 * editor): the reporter submits and loses direct edits without a reload; the copy desk's budget moves
 * the story live and its bell rings; the copy desk signs off; the editor checks the checklist and
 * publishes; the public page carries the story. A refused edit discards the device's copy and reopens.
 * With GALLEY_SCREENSHOTS set, it writes docs/budget.png, docs/story.png and docs/public-page.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import type { ArticleDetail } from '../../shared/api';
import { addUser, api, repoRoot, signIn, startGalley, type RunningGalley, type TestUser } from '../helpers/galley';
import { launchChromium, saveStatus, signInPage } from '../helpers/browser';
import { connectEditor, firstParagraphText, waitFor } from '../helpers/editor';

const screenshots = Boolean(process.env.GALLEY_SCREENSHOTS);
const heroSrc = 'https://images.galley.test/harbour-bridge.jpg';

const headline = 'Harbour bridge to close for six weeks of repairs';
const standfirst = 'Engineers will replace worn expansion joints; buses and cyclists are diverted through the old town from Monday.';
const body = [
  'The Harbour bridge will close to traffic for six weeks from Monday while engineers replace the expansion joints that carry the deck over its two piers, the city said on Thursday.',
  'Buses will divert through the old town and a free shuttle will run every ten minutes at peak hours. Cyclists and people on foot can still cross on the east footway, which stays open throughout the works.',
  'The joints date from the bridge’s last refurbishment in 1987 and have been patched twice since. “They have reached the end of their life,” said the city engineer, Marta Kovacs.',
];

const wireStory = [
  'Harbour authority orders review of ferry safety',
  '',
  'Two ferries touched in fog off the east quay last week; nobody was hurt.',
  '',
  'Photo: Lena Berg',
  '',
  'The harbour authority has ordered an independent review of ferry safety after two vessels touched in thick fog off the east quay on Friday morning.',
  '',
  'Nobody was hurt, and both ferries returned to service the same afternoon. The review will report by the end of March.',
  '',
  'Also read',
  '',
  'Ads by MGDK',
].join('\n');

let running: RunningGalley;
let browser: Browser;
let reporter: TestUser;
let copyEditor: TestUser;
let editor: TestUser;
let articleId: string;
/** A short story on the copy desk, for the steps that need a note or fail the checklist. */
let tramId: string;

/** Writes a story's text and meta through a real y-websocket client, as another editor would. */
async function writeStory(cookie: string, id: string, content: { standfirst?: string; body: string[]; meta: Record<string, unknown> }): Promise<void> {
  const client = connectEditor(running.url, id, cookie);
  await client.synced;
  client.doc.transact(() => {
    if (content.standfirst) firstParagraphText(client.doc, 'standfirst').insert(0, content.standfirst);
    firstParagraphText(client.doc, 'body').insert(0, content.body[0]);
    const fragment = client.doc.getXmlFragment('body');
    for (const text of content.body.slice(1)) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [paragraph]);
    }
    const meta = client.doc.getMap('meta');
    for (const [key, value] of Object.entries(content.meta)) meta.set(key, value);
  });
  const words = content.body.join(' ').split(/\s+/).length;
  await waitFor(async () => (await api<ArticleDetail>(running.url, cookie, 'GET', `/api/articles/${id}`)).body.wordCount >= words, 'the server to hold the text');
  client.destroy();
}

const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

beforeAll(async () => {
  running = await startGalley();
  reporter = await addUser(running.galley, 'writer', 'Rosa Okafor');
  copyEditor = await addUser(running.galley, 'copy_editor', 'Sam Adeyemi');
  editor = await addUser(running.galley, 'publisher', 'Dana Whitfield');
  const colleague = await addUser(running.galley, 'writer', 'Tom Lindqvist');
  const reporterCookie = await signIn(running.url, reporter);
  const colleagueCookie = await signIn(running.url, colleague);

  const copyCookie = await signIn(running.url, copyEditor);
  const editorCookie = await signIn(running.url, editor);

  // The rest of the day's budget, so that the story has neighbours to be filtered from.
  const museum = [
    'The maritime museum on the east quay reopens on Saturday after a two-year restoration that replaced its roof and rebuilt the galleries around the old lifeboat.',
    'Entry is free for the first week. The new permanent exhibition tells the story of the harbour through the people who worked on it, from ropemakers to pilots, with recordings made over the past year.',
  ];
  const others = [
    { cookie: colleagueCookie, headline: 'Council backs tram extension to the eastern suburbs', desk: 'Politics', deadline: hours(3), body: ['The council voted 31 to 12 on Tuesday night to extend the number 4 tram line.'], to: 'copy_edit' },
    { cookie: reporterCookie, headline: 'Heatwave warning issued for the weekend', desk: 'City', deadline: hours(-0.7), body: ['Temperatures are expected to reach 34 degrees on Saturday.'], to: 'draft' },
    { cookie: colleagueCookie, headline: 'Harbour Lions sign Norwegian striker on a three-year deal', desk: 'Sport', deadline: hours(26), body: ['The club confirmed the signing on Wednesday.'], to: 'draft' },
    { cookie: colleagueCookie, headline: 'Maritime museum reopens after a two-year restoration', desk: 'Culture', deadline: null, body: museum, to: 'published' },
  ];
  for (const story of others) {
    const created = await api<ArticleDetail>(running.url, story.cookie, 'POST', '/api/articles', { headline: story.headline });
    const id = created.body.id;
    if (story.to === 'copy_edit') tramId = id;
    await writeStory(story.cookie, id, { standfirst: story.to === 'published' ? 'Free entry for the first week.' : undefined, body: story.body, meta: { desk: story.desk } });
    if (story.deadline) await api(running.url, story.cookie, 'PATCH', `/api/articles/${id}`, { deadline: story.deadline });
    const steps: [string, string][] = story.to === 'draft' ? [] : story.to === 'copy_edit' ? [[story.cookie, 'submit']] : [[story.cookie, 'submit'], [copyCookie, 'sign_off'], [editorCookie, 'publish']];
    for (const [cookie, action] of steps) expect((await api(running.url, cookie, 'POST', `/api/articles/${id}/transitions`, { action })).status).toBe(200);
  }
  // The desks have read what those steps told them: the bells start at zero.
  for (const cookie of [copyCookie, editorCookie]) {
    const { body: list } = await api<{ notifications: { id: number }[] }>(running.url, cookie, 'GET', '/api/notifications');
    for (const n of list.notifications) await api(running.url, cookie, 'POST', `/api/notifications/${n.id}/read`);
  }

  const created = await api<ArticleDetail>(running.url, reporterCookie, 'POST', '/api/articles', { headline });
  expect(created.status).toBe(201);
  articleId = created.body.id;
  await writeStory(reporterCookie, articleId, {
    standfirst,
    body,
    meta: {
      desk: 'City',
      tags: ['Transport', 'Harbour bridge'],
      hero: { src: heroSrc, alt: 'The Harbour bridge at dusk, seen from the east quay', caption: 'The bridge carries 40,000 vehicles a day.', credit: 'Photo: Lena Berg' },
    },
  });
  const patched = await api(running.url, reporterCookie, 'PATCH', `/api/articles/${articleId}`, { deadline: hours(5) });
  expect(patched.status).toBe(200);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

/** A drawing of a bridge at dusk, served for the hero image's address (the machines are offline). */
const bridgeImage = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#27364f"/><stop offset="0.55" stop-color="#c7794f"/><stop offset="1" stop-color="#f1c27d"/></linearGradient>
<linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3b4a5e"/><stop offset="1" stop-color="#1c2533"/></linearGradient></defs>
<rect width="1600" height="620" fill="url(#sky)"/><rect y="620" width="1600" height="280" fill="url(#sea)"/>
<circle cx="1180" cy="560" r="70" fill="#f6d9a0" opacity="0.9"/>
<g fill="#141a24"><rect x="0" y="500" width="1600" height="26"/><rect x="380" y="420" width="34" height="260"/><rect x="1120" y="420" width="34" height="260"/></g>
<g fill="none" stroke="#141a24" stroke-width="7"><path d="M0 500 Q 397 300 397 420"/><path d="M397 420 Q 767 300 1137 420"/><path d="M1137 420 Q 1137 300 1600 500"/></g>
<g stroke="#141a24" stroke-width="3">${Array.from({ length: 31 }, (_, i) => `<line x1="${i * 52}" y1="500" x2="${i * 52}" y2="${500 - Math.max(0, 90 - Math.abs(((i * 52) % 740) - 370) / 4)}"/>`).join('')}</g>
<rect y="640" width="1600" height="4" fill="#f1c27d" opacity="0.25"/></svg>`;

async function serveHeroImage(context: BrowserContext): Promise<void> {
  await context.route(heroSrc, (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: bridgeImage }));
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!screenshots) return;
  await page.screenshot({ path: path.join(repoRoot, 'docs', name) });
}

/** Polls until the assertion holds: live changes cross a socket, give them a few seconds on a busy machine. */
const eventually = <T>(value: () => T | Promise<T>, timeout = 5_000) => expect.poll(value, { timeout });

/** Closes the toasts on a page (they also go by themselves after a few seconds). */
async function dismissToasts(page: Page): Promise<void> {
  for (const button of await page.locator('[data-testid=toast] [aria-label=Dismiss]').all()) await button.click({ timeout: 2_000 }).catch(() => undefined);
}

const row = (page: Page) => page.locator(`[data-testid=story-row][data-id="${articleId}"]`);
const editable = (page: Page) => page.locator('[data-field] .ProseMirror').evaluateAll((els) => els.map((el) => el.getAttribute('contenteditable')));
const attr = (page: Page, selector: string, name: string) => page.getAttribute(selector, name);
/** Marks the document, so that a test can tell a live update from a reload. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { galleyMark: number }).galleyMark = 1));
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { galleyMark?: number }).galleyMark === 1);

/** The words of a field as a reader sees them: remote carets left out. */
const textOf = (page: Page, name: 'headline' | 'standfirst' | 'body') =>
  page.locator(`[data-field=${name}] .ProseMirror`).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return [...copy.children].map((block) => block.textContent).join('\n');
  });

describe('the editorial workflow in the browser', () => {
  let reporterPage: Page;
  let copyPage: Page;
  let editorPage: Page;

  it('the reporter submits the story; the editors lock without a reload', async () => {
    reporterPage = (await signInPage(browser, running.url, reporter)).page;
    const copy = await signInPage(browser, running.url, copyEditor);
    copyPage = copy.page;
    const chief = await signInPage(browser, running.url, editor);
    editorPage = chief.page;
    for (const context of [reporterPage.context(), copy.context, chief.context]) await serveHeroImage(context);

    // The copy desk has the budget open before anything happens.
    await eventually(() => row(copyPage).getAttribute('data-state')).toBe('draft');
    await markDocument(copyPage);

    await row(reporterPage).click();
    await reporterPage.waitForURL(`**/stories/${articleId}`);
    await eventually(() => textOf(reporterPage, 'headline')).toBe(headline);
    await eventually(() => attr(reporterPage, '[data-testid=access-mode]', 'data-access')).toBe('edit');
    await eventually(() => editable(reporterPage)).toEqual(['true', 'true', 'true']);
    await eventually(() => attr(reporterPage, '[data-testid=article-state]', 'data-state')).toBe('draft');
    await eventually(() => saveStatus(reporterPage)).toBe('saved');
    // Pointing at "since …" gives the full date and time in the reader's own locale.
    const since = reporterPage.locator('.status-card__since');
    await since.hover();
    const fullDate = await since.evaluate((el: HTMLTimeElement) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(el.dateTime)));
    expect(await since.getAttribute('title')).toBe(fullDate);
    await markDocument(reporterPage);

    // One last line before it goes, typed like a person.
    await reporterPage.locator('[data-field=body] .ProseMirror').click();
    await reporterPage.keyboard.press('ControlOrMeta+End');
    await reporterPage.keyboard.type(' Work starts at 6am.', { delay: 10 });
    await eventually(() => saveStatus(reporterPage)).toBe('saved');

    await reporterPage.click('[data-testid=action-submit]');
    await eventually(() => attr(reporterPage, '[data-testid=article-state]', 'data-state')).toBe('copy_edit');
    await eventually(() => attr(reporterPage, '[data-testid=access-mode]', 'data-access')).toBe('suggest');
    // Headline and standfirst lock; the body stays open for tracked suggestions.
    await eventually(() => editable(reporterPage)).toEqual(['false', 'false', 'true']);
    await eventually(() => reporterPage.locator('[data-testid=mode-notice]').innerText()).toMatch(/direct edits are closed/i);
    expect(await reporterPage.locator('[data-testid=action-submit]').count()).toBe(0);
    expect(await stillSameDocument(reporterPage)).toBe(true);
  });

  it('the copy desk sees the story arrive on its budget and in its notifications, live', async () => {
    await eventually(() => row(copyPage).getAttribute('data-state')).toBe('copy_edit');
    await eventually(() => copyPage.locator('[data-testid=notification-count]').innerText()).toBe('1');
    await eventually(() => copyPage.locator('[data-testid=toast]').innerText()).toContain(headline);
    expect(await stillSameDocument(copyPage)).toBe(true);

    // The filters narrow the budget to what the desk is working on.
    const rows = () => copyPage.locator('[data-testid=story-row]').evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
    expect((await rows()).length).toBe(5);
    await copyPage.selectOption('[data-testid=filter-state]', 'copy_edit');
    await eventually(rows).toEqual(['copy_edit', 'copy_edit']);
    expect(await row(copyPage).count()).toBe(1);
    await copyPage.selectOption('[data-testid=filter-state]', '');
    await copyPage.selectOption('[data-testid=filter-desk]', 'City');
    await eventually(async () => (await rows()).length).toBe(2);
    await copyPage.selectOption('[data-testid=filter-desk]', '');
    await copyPage.check('[data-testid=filter-mine]');
    await eventually(async () => (await rows()).length).toBe(0);
    await copyPage.uncheck('[data-testid=filter-mine]');
    await eventually(async () => (await rows()).length).toBe(5);
    // Pointing at a deadline gives its full date and time.
    const deadline = copyPage.locator('[data-testid=story-row] .story-row__deadline time:not(.is-scheduled)').first();
    await deadline.hover();
    const fullDeadline = await deadline.evaluate((el: HTMLTimeElement) => `Deadline ${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(el.dateTime))}`);
    expect(await deadline.getAttribute('title')).toBe(fullDeadline);
    await copyPage.mouse.move(0, 0);
    await dismissToasts(copyPage);
    // Let the highlight of the row that just changed fade first.
    if (screenshots) await copyPage.waitForTimeout(2_600);
    await shoot(copyPage, 'budget.png');
  });

  it('the copy desk opens the story from its notification and signs it off', async () => {
    await copyPage.click('[data-testid=notifications]');
    await copyPage.locator('[data-testid=notification-item]').first().click();
    await copyPage.waitForURL(`**/stories/${articleId}`);
    await eventually(() => copyPage.locator('[data-testid=notification-count]').getAttribute('data-count')).toBe('0');
    await eventually(() => attr(copyPage, '[data-testid=access-mode]', 'data-access')).toBe('edit');
    await eventually(() => editable(copyPage)).toEqual(['true', 'true', 'true']);
    await eventually(() => textOf(copyPage, 'body')).toContain('Work starts at 6am.');

    await copyPage.click('[data-testid=action-sign_off]');
    await eventually(() => attr(copyPage, '[data-testid=article-state]', 'data-state')).toBe('approval');
    await eventually(() => attr(copyPage, '[data-testid=access-mode]', 'data-access')).toBe('suggest');
    await eventually(() => editable(copyPage)).toEqual(['false', 'false', 'true']);
    // The reporter, still on the page, follows the story too.
    await eventually(() => attr(reporterPage, '[data-testid=article-state]', 'data-state')).toBe('approval');
    await eventually(() => attr(reporterPage, '[data-testid=access-mode]', 'data-access')).toBe('comment');
  });

  it('the editor checks the checklist and publishes; the public page carries the story', async () => {
    await eventually(() => editorPage.locator('[data-testid=notification-count]').innerText()).toBe('1');
    await eventually(() => row(editorPage).getAttribute('data-state')).toBe('approval');
    await row(editorPage).click();
    await editorPage.waitForURL(`**/stories/${articleId}`);
    await eventually(() => attr(editorPage, '[data-testid=access-mode]', 'data-access')).toBe('edit');

    const checklist = () =>
      editorPage.locator('[data-testid=checklist-item]').evaluateAll((els) => els.map((el) => `${el.getAttribute('data-rule')}:${el.getAttribute('data-ok')}`));
    await eventually(checklist).toEqual(['headline_length', 'standfirst', 'byline', 'body_length', 'hero_image', 'suggestions', 'comments', 'checks'].map((r) => `${r}:true`));
    await eventually(() => editorPage.locator('[data-testid=action-publish]').isEnabled()).toBe(true);
    await eventually(() => saveStatus(editorPage)).toBe('saved');
    await dismissToasts(editorPage);
    await shoot(editorPage, 'story.png');

    // The meta fields show what the desk set, and may be changed by whoever may edit.
    await editorPage.click('[data-testid=tab-details]');
    await eventually(() => editorPage.inputValue('[data-testid=meta-desk]')).toBe('City');
    await eventually(() => editorPage.inputValue('[data-testid=meta-hero-credit]')).toBe('Photo: Lena Berg');
    await editorPage.fill('[data-testid=meta-ai-note]', 'No AI was used to report or write this story.');
    await eventually(() => saveStatus(editorPage)).toBe('saved');
    await editorPage.click('[data-testid=tab-workflow]');

    await editorPage.click('[data-testid=action-publish]');
    await editorPage.click('[data-testid=transition-confirm]');
    await eventually(() => attr(editorPage, '[data-testid=article-state]', 'data-state')).toBe('published');
    const href = await editorPage.locator('[data-testid=public-link]').getAttribute('href');
    expect(href).toBe('/news/harbour-bridge-to-close-for-six-weeks-of-repairs');

    // The history tells who did what.
    await editorPage.click('[data-testid=tab-history]');
    const history = () => editorPage.locator('[data-testid=history-entry]').evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
    await eventually(history).toEqual(['publish', 'sign_off', 'submit']);
    await eventually(() => editorPage.locator('[data-testid=history]').innerText()).toContain('Sam Adeyemi');
    await editorPage.click('[data-testid=tab-workflow]');

    const [publicPage] = await Promise.all([editorPage.context().waitForEvent('page'), editorPage.click('[data-testid=public-link]')]);
    await publicPage.waitForLoadState('load');
    expect(new URL(publicPage.url()).pathname).toBe(href);
    await eventually(() => publicPage.locator('h1').innerText()).toBe(headline);
    const text = await publicPage.locator('body').innerText();
    expect(text).toContain(standfirst);
    expect(text).toContain('Cyclists and people on foot can still cross');
    expect(text).toContain('Work starts at 6am.');
    expect(text).toContain('No AI was used');
    await publicPage.setViewportSize({ width: 1280, height: 800 });
    await shoot(publicPage, 'public-page.png');
    await publicPage.close();

    // The reporter hears that the story is out.
    await eventually(() => reporterPage.locator('[data-testid=notification-count]').innerText()).toBe('1');
  });

  it('asks for a note where a step needs one, and shows why the server refuses a step', async () => {
    await copyPage.goto(`${running.url}/stories/${tramId}`);
    await eventually(() => attr(copyPage, '[data-testid=article-state]', 'data-state')).toBe('copy_edit');
    await copyPage.click('[data-testid=action-return]');
    expect(await copyPage.locator('[data-testid=transition-confirm]').isDisabled()).toBe(true);
    await copyPage.locator('[data-testid=transition-note]').pressSequentially('Needs the vote breakdown by party.');
    await copyPage.keyboard.press('Enter');
    await eventually(() => attr(copyPage, '[data-testid=article-state]', 'data-state')).toBe('draft');
    await copyPage.click('[data-testid=tab-history]');
    await eventually(() => copyPage.locator('[data-testid=history]').innerText()).toContain('Needs the vote breakdown by party.');

    // Back through the desk to the editor, still too short to publish.
    const copyCookie = await signIn(running.url, copyEditor);
    const editorCookie = await signIn(running.url, editor);
    expect((await api(running.url, editorCookie, 'POST', `/api/articles/${tramId}/transitions`, { action: 'submit' })).status).toBe(200);
    expect((await api(running.url, copyCookie, 'POST', `/api/articles/${tramId}/transitions`, { action: 'sign_off' })).status).toBe(200);

    await editorPage.goto(`${running.url}/stories/${tramId}`);
    await eventually(() => attr(editorPage, '[data-testid=article-state]', 'data-state')).toBe('approval');
    await eventually(() => attr(editorPage, '[data-testid=checklist-item][data-rule=body_length]', 'data-ok')).toBe('false');
    await editorPage.click('[data-testid=action-publish]');
    await editorPage.click('[data-testid=transition-confirm]');
    await eventually(() => editorPage.locator('.dialog__error').innerText()).toMatch(/publish checklist does not pass/i);
    await editorPage.keyboard.press('Escape');
    await eventually(() => editorPage.locator('dialog[open]').count()).toBe(0);
    expect(await attr(editorPage, '[data-testid=article-state]', 'data-state')).toBe('approval');

    // Scheduling proposes tomorrow at seven.
    await editorPage.click('[data-testid=action-schedule]');
    expect(await editorPage.inputValue('[data-testid=schedule-at]')).toMatch(/T07:00$/);
    await editorPage.keyboard.press('Escape');

    // Sending back asks where to, and why.
    await editorPage.click('[data-testid=action-send_back]');
    await editorPage.check('[data-testid=send-back-draft]');
    await editorPage.fill('[data-testid=transition-note]', 'Hold until the vote is confirmed.');
    await editorPage.click('[data-testid=transition-confirm]');
    await eventually(() => attr(editorPage, '[data-testid=article-state]', 'data-state')).toBe('draft');
  });

  it('makes a new story from a pasted wire story and says what it left out', async () => {
    const page = copyPage;
    await page.goto(`${running.url}/`);
    await page.click('[data-testid=new-story-from-text]');
    await page.fill('[data-testid=import-text]', wireStory);
    await page.click('[data-testid=import-submit]');
    await page.waitForURL('**/stories/*');
    await eventually(() => textOf(page, 'headline')).toBe('Harbour authority orders review of ferry safety');
    await eventually(() => textOf(page, 'body')).toContain('ordered an independent review of ferry safety');
    await eventually(() => page.locator('[data-testid=import-report]').innerText()).toContain('Made from pasted text');
  });

  it('drops changes the server refused, reopens the story as stored and says why', async () => {
    const reporterCookie = await signIn(running.url, reporter);
    const created = await api<ArticleDetail>(running.url, reporterCookie, 'POST', '/api/articles', { headline: 'Ferry timetable changes for the winter' });
    const id = created.body.id;
    await writeStory(reporterCookie, id, { body: ['Ferries will run every 40 minutes from November.'], meta: { desk: 'City' } });

    // The story's collab connection can be cut (the newsroom socket stays up, as on a flaky proxy).
    const page = reporterPage;
    let cut = false;
    const open: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
    await page.routeWebSocket(/\/collab\//, (ws) => {
      if (cut) return void ws.close({ code: 1006, reason: 'unreachable' });
      open.push({ page: ws, server: ws.connectToServer() });
    });
    await page.goto(`${running.url}/stories/${id}`);
    await eventually(() => attr(page, '[data-testid=access-mode]', 'data-access')).toBe('edit');
    await eventually(() => saveStatus(page)).toBe('saved');

    // Words typed while the connection is cut stay on the device.
    cut = true;
    for (const ws of open.splice(0)) {
      await ws.server.close();
      await ws.page.close({ code: 1006, reason: 'unreachable' });
    }
    await page.locator('[data-field=body] .ProseMirror').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' Never stored.', { delay: 10 });
    await eventually(() => saveStatus(page)).toBe('offline-unsaved');

    // Meanwhile the story goes to the copy desk: the page locks at once (the body only takes suggestions).
    const submitted = await api(running.url, reporterCookie, 'POST', `/api/articles/${id}/transitions`, { action: 'submit' });
    expect(submitted.status).toBe(200);
    await eventually(() => attr(page, '[data-testid=access-mode]', 'data-access')).toBe('suggest');
    await eventually(() => editable(page)).toEqual(['false', 'false', 'true']);

    // Reconnected, the server refuses the words (4422, not suggestions): the page throws them away and reopens.
    cut = false;
    await eventually(() => page.locator('[data-testid=changes-refused]').innerText(), 15_000).toContain('Your last changes were not saved: the story moved to Copy desk');
    await eventually(() => textOf(page, 'body')).toBe('Ferries will run every 40 minutes from November.');
    await eventually(() => saveStatus(page)).toBe('saved');
    const stored = await api<ArticleDetail>(running.url, reporterCookie, 'GET', `/api/articles/${id}`);
    expect(stored.body.html).not.toContain('Never stored');

    // Nothing of the refused words is left on the device: a reload shows the server's text.
    await page.unrouteAll();
    await page.reload();
    await eventually(() => textOf(page, 'body')).toBe('Ferries will run every 40 minutes from November.');
  });
});
