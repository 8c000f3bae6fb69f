/**
 * Versions in Chromium: the reporter saves a version by hand, she and an editor (a real y-websocket
 * client) change the story, the History tab compares the version with the story now — insertions
 * underlined and deletions struck through, each in its author's colour with the author's name — and
 * restoring the version puts the text back in her editor and the editor's. With GALLEY_SCREENSHOTS
 * set, it writes docs/versions.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { colorFor } from '../../shared/people';
import { plainText } from '../../shared/text';
import { addUser, repoRoot, signIn, startGalley, type RunningGalley, type TestUser } from '../helpers/galley';
import { launchChromium, signInPage, bodyEditor, bodyText, openStoryPage, saveStatus } from '../helpers/browser';
import { makeNewsroom, readyBody, readyStory, type Newsroom } from '../helpers/newsroom';
import { bodyOf, connectEditor, waitFor, type TestEditor } from '../helpers/editor';
import type * as Y from 'yjs';

const screenshots = Boolean(process.env.GALLEY_SCREENSHOTS);

let running: RunningGalley;
let browser: Browser;
let newsroom: Newsroom;
let articleId: string;
let desk: TestEditor | undefined;
/** An editor whose colour differs from the reporter's (colours come from ids), so the two read apart. */
let publisher: TestUser & { cookie: string };

beforeAll(async () => {
  running = await startGalley();
  newsroom = await makeNewsroom(running.galley, running.url);
  articleId = await readyStory(running.galley, newsroom.author.id, 'draft');
  do {
    const user = await addUser(running.galley, 'publisher', 'Dana Whitfield');
    publisher = { ...user, cookie: await signIn(running.url, user) };
  } while (colorFor(publisher.id) === colorFor(newsroom.author.id));
  browser = await launchChromium();
});
afterAll(async () => {
  desk?.destroy();
  await browser?.close();
  await running?.stop();
});

const rgb = (hex: string) => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
const original = readyBody.content!.map((p) => plainText(p).trim());
const paragraphsOf = (doc: Y.Doc) => (bodyOf(doc).content ?? []).map((p) => plainText(p).trim());

describe('versions in the browser', () => {
  it('saves a version, compares it with the story now with each change attributed, and restores it', async () => {
    const { author } = newsroom;
    const { page } = await signInPage(browser, running.url, author);
    await openStoryPage(page, running.url, articleId);

    // Save a version by hand.
    await page.locator('[data-testid=tab-history]').click();
    await page.locator('[data-testid=save-version]').click();
    await page.locator('[data-testid=version-name-input]').fill('Before the desk edit');
    await page.locator('[data-testid=save-version-confirm]').click();
    const saved = page.locator('[data-testid=version][data-kind=manual]');
    await expect.poll(() => saved.locator('[data-testid=version-name]').allInnerTexts()).toEqual(['Before the desk edit']);

    // Nothing to show since a sign-off that has not happened.
    await page.locator('[data-testid=changes-since-sign-off]').click();
    await page.locator('[data-testid=never-signed-off]').waitFor();
    await page.locator('[data-testid=versions-view-close]').click();

    // The editor changes a word from her own client; the reporter types in the browser.
    desk = connectEditor(running.url, articleId, publisher.cookie);
    await desk.synced;
    const second = (desk.doc.getXmlFragment('body').get(1) as Y.XmlElement).get(0) as Y.XmlText;
    const at = second.toString().indexOf('eight');
    desk.doc.transact(() => {
      second.delete(at, 'eight'.length);
      second.insert(at, 'ten');
    });
    await expect.poll(() => bodyText(page)).toContain('about ten minutes');
    await bodyEditor(page).click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('Update: ', { delay: 20 });
    await expect.poll(() => bodyText(page)).toMatch(/^Update: The Harbour Bridge/);
    await expect.poll(() => saveStatus(page)).toBe('saved');

    // Compare the saved version (A, picked already as the newest) with the story now (B).
    await page.locator('[data-testid=compare]').click();
    const view = page.locator('[data-testid=versions-view]');
    await view.waitFor();
    const inserts = view.locator('[data-testid=diff-text] [data-testid=diff-insert]');
    const deletes = view.locator('[data-testid=diff-text] [data-testid=diff-delete]');
    await expect.poll(() => inserts.allInnerTexts()).toEqual(['Update: ', 'ten']);
    expect(await deletes.allInnerTexts()).toEqual(['eight']);
    expect(await inserts.evaluateAll((els) => els.map((e) => [e.getAttribute('data-author'), e.getAttribute('title')]))).toEqual([
      [author.id, `Added by ${author.name}`],
      [publisher.id, `Added by ${publisher.name}`],
    ]);
    expect(await deletes.first().getAttribute('title')).toBe(`Deleted by ${publisher.name}`);
    // Underlined and struck through, each in its author's colour; the key names both.
    const look = (el: ReturnType<Page['locator']>) => el.evaluate((e) => ({ line: getComputedStyle(e).textDecorationLine, color: getComputedStyle(e).color }));
    expect(await look(inserts.first())).toEqual({ line: 'underline', color: rgb(colorFor(author.id)) });
    expect(await look(deletes.first())).toEqual({ line: 'line-through', color: rgb(colorFor(publisher.id)) });
    expect((await view.locator('[data-testid=diff-author]').allInnerTexts()).sort()).toEqual([author.name, publisher.name].sort());

    // Side by side: the old text with its deletions, the new with its insertions.
    await view.locator('[data-testid=diff-sides]').click();
    await expect.poll(() => view.locator('.diff-row').count()).toBeGreaterThan(2);
    if (screenshots) await page.screenshot({ path: path.join(repoRoot, 'docs', 'versions.png') });
    await view.locator('[data-testid=diff-inline]').click();

    // Restore the saved version from the comparison, after confirming.
    await view.locator('[data-testid=view-restore]').click();
    await page.locator('[data-testid=restore-confirm]').click();
    await page.locator('[data-testid=versions-done]').waitFor();
    await expect.poll(() => bodyText(page)).toBe(original.join('\n'));
    await waitFor(() => JSON.stringify(paragraphsOf(desk!.doc)) === JSON.stringify(original), 'the editor’s client to get the restored text');
    await expect.poll(() => saveStatus(page)).toBe('saved');
    await expect.poll(() => page.locator('[data-testid=version-name]').allInnerTexts()).toEqual([
      'Restored from “Before the desk edit”',
      'Before restoring “Before the desk edit”',
      'Before the desk edit',
    ]);
    expect(await view.count()).toBe(0);

    // The reporter keeps typing in the restored text, and the editor sees it.
    await bodyEditor(page).click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('Now: ', { delay: 20 });
    await waitFor(() => paragraphsOf(desk!.doc)[0] === `Now: ${original[0]}`, 'the editor to see typing after the restore');
    await expect.poll(() => saveStatus(page)).toBe('saved');
  });

  it('answers what changed since the copy desk signed off, and who changed it', async () => {
    const { author, copyEditor } = newsroom;
    const step = async (cookie: string, request: Record<string, unknown>) => {
      const res = await fetch(`${running.url}/api/articles/${articleId}/transitions`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(request) });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await step(author.cookie, { action: 'submit' });
    await step(copyEditor.cookie, { action: 'sign_off' });
    await step(publisher.cookie, { action: 'send_back', to: 'copy_edit', note: 'One more look at the bus times.' });
    // The copy desk changes a word after its sign-off.
    desk?.destroy();
    const copyDesk = connectEditor(running.url, articleId, copyEditor.cookie);
    desk = copyDesk;
    await copyDesk.synced;
    const second = (copyDesk.doc.getXmlFragment('body').get(1) as Y.XmlElement).get(0) as Y.XmlText;
    const at = second.toString().indexOf('routes 4 and 11');
    copyDesk.doc.transact(() => second.insert(at + 'routes 4'.length, ', 7'));

    const { page } = await signInPage(browser, running.url, author);
    await page.goto(`${running.url}/stories/${articleId}`);
    await expect.poll(() => bodyText(page)).toContain('routes 4, 7 and 11');
    await page.locator('[data-testid=tab-history]').click();
    await page.locator('[data-testid=changes-since-sign-off]').click();
    const view = page.locator('[data-testid=versions-view]');
    await view.locator('[data-testid=changes-summary]').waitFor();
    await expect.poll(() => view.locator('[data-testid=change]').count()).toBe(1);
    expect(await view.locator('[data-testid=change]').getAttribute('data-author')).toBe(copyEditor.id);
    expect(await view.locator('[data-testid=change-text]').innerText()).toBe(`${copyEditor.name} added “, 7” after “…buses on routes 4”`);
    expect(await view.locator('[data-testid=diff-text] [data-testid=diff-insert]').allInnerTexts()).toEqual([', 7']);
    // The reporter may only suggest now: she may not restore.
    expect(await view.locator('[data-testid=view-restore]').count()).toBe(0);
  });
});
