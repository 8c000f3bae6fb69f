/**
 * Comment threads in Chromium: the copy editor (who may comment on a draft, not edit it) drags over
 * some words and comments with Ctrl+Alt+M, naming the reporter; the reporter sees the words
 * highlighted and the thread appear live, types right against both edges of the words (the highlight
 * stays on exactly them), clicks the thread to select its words and replies; the copy editor resolves
 * it. Words that are deleted leave their thread detached, with its quote. With GALLEY_SCREENSHOTS
 * set, it writes docs/comments.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CommentThread } from '../../shared/comments';
import { api, repoRoot, startGalley, type RunningGalley } from '../helpers/galley';
import { launchChromium, signInPage, bodyEditor, bodyText, openStoryPage } from '../helpers/browser';
import { makeNewsroom, readyStory, type Newsroom } from '../helpers/newsroom';

const screenshots = Boolean(process.env.GALLEY_SCREENSHOTS);

let running: RunningGalley;
let browser: Browser;
let newsroom: Newsroom;
let articleId: string;

beforeAll(async () => {
  running = await startGalley();
  newsroom = await makeNewsroom(running.galley, running.url);
  articleId = await readyStory(running.galley, newsroom.author.id, 'draft');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

const attr = (page: Page, selector: string, name: string) => page.getAttribute(selector, name);
const highlighted = (page: Page) => bodyEditor(page).locator('.comment-anchor').allInnerTexts();

const openStory = (page: Page) => openStoryPage(page, running.url, articleId);

/**
 * Where a phrase of the body is on the screen: the box of its first and last character. Text is read
 * as the reader sees it, across highlight spans, leaving out the name labels of remote carets.
 */
function phraseBox(page: Page, phrase: string): Promise<{ first: DOMRect; last: DOMRect }> {
  return bodyEditor(page).evaluate((root, wanted) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest('.collaboration-carets__caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const text = nodes.map((n) => n.data).join('');
    const at = text.indexOf(wanted);
    if (at < 0) throw new Error(`"${wanted}" is not on the page`);
    const point = (offset: number): [Text, number] => {
      for (const n of nodes) {
        if (offset < n.data.length) return [n, offset];
        offset -= n.data.length;
      }
      throw new Error('past the end');
    };
    const box = (offset: number) => {
      const range = document.createRange();
      const [node, index] = point(offset);
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      return range.getBoundingClientRect().toJSON() as DOMRect;
    };
    return { first: box(at), last: box(at + wanted.length - 1) };
  }, phrase);
}

/** Drags the mouse over a phrase, as someone selecting it would. */
async function drag(page: Page, phrase: string): Promise<void> {
  const { first, last } = await phraseBox(page, phrase);
  await page.mouse.move(first.left + 1, first.top + first.height / 2);
  await page.mouse.down();
  await page.mouse.move((first.left + last.right) / 2, last.top + last.height / 2, { steps: 4 });
  await page.mouse.move(last.right - 1, last.top + last.height / 2, { steps: 4 });
  await page.mouse.up();
}

/** Clicks at one edge of a phrase (on the outer half of its first or last character) and types there. */
async function typeAt(page: Page, phrase: string, edge: 'before' | 'after', text: string): Promise<void> {
  const { first, last } = await phraseBox(page, phrase);
  if (edge === 'before') await page.mouse.click(first.left + 1, first.top + first.height / 2);
  else await page.mouse.click(last.right - 1, last.top + last.height / 2);
  await page.keyboard.type(text, { delay: 15 });
}

describe('comment threads in the browser', () => {
  it('comment on selected words, see them live, reply, resolve; deleted words leave the thread detached', async () => {
    const { page: desk } = await signInPage(browser, running.url, newsroom.copyEditor);
    const { page: writer } = await signInPage(browser, running.url, newsroom.author);
    await openStory(desk);
    await openStory(writer);
    await expect.poll(() => attr(desk, '[data-testid=access-mode]', 'data-access')).toBe('comment');

    // The copy editor may not edit this draft, but selects words and comments with the shortcut.
    await drag(desk, 'expansion joints');
    await expect.poll(() => desk.evaluate(() => document.getSelection()?.toString())).toBe('expansion joints');
    await desk.locator('[data-testid=comment-button]').waitFor();
    await desk.keyboard.press('ControlOrMeta+Alt+KeyM');
    const input = desk.locator('[data-testid=comment-input]');
    await input.waitFor();
    await expect.poll(() => highlighted(desk)).toEqual(['expansion joints']);
    await input.fill('@Rosa are these the joints on all three spans? The council release says two.');
    await desk.locator('[data-testid=comment-submit]').click();

    const deskThreads = desk.locator('[data-testid=thread]');
    await expect.poll(() => deskThreads.count()).toBe(1);
    expect(await desk.getAttribute('[data-testid=tab-comments]', 'aria-selected')).toBe('true');
    expect(await deskThreads.first().locator('[data-testid=thread-quote]').innerText()).toBe('expansion joints');
    expect(await deskThreads.first().locator('[data-testid=comment-author]').allInnerTexts()).toEqual(['Inès Moreau']);
    expect(await deskThreads.first().locator('[data-testid=comment-time]').allInnerTexts()).toEqual(['just now']);
    await expect.poll(() => highlighted(desk)).toEqual(['expansion joints']);

    // The reporter sees it without reloading: the highlight, the count on the tab, her notification.
    await expect.poll(() => highlighted(writer)).toEqual(['expansion joints']);
    await expect.poll(() => writer.locator('[data-testid=comment-count]').innerText()).toBe('1');
    await expect.poll(() => writer.locator('[data-testid=notification-count]').innerText()).toBe('1');

    // She types right against both edges of the words: the thread stays on exactly them, on both pages.
    await typeAt(writer, 'expansion joints', 'after', ' and bearings');
    await typeAt(writer, 'expansion joints', 'before', 'worn ');
    for (const page of [writer, desk]) {
      await expect.poll(() => bodyText(page)).toContain('replace the worn expansion joints and bearings that carry');
      await expect.poll(() => highlighted(page)).toEqual(['expansion joints']);
    }

    // Clicking the thread selects its words; she replies.
    await writer.locator('[data-testid=tab-comments]').click();
    const writerThread = writer.locator('[data-testid=thread]').first();
    await writerThread.locator('[data-testid=thread-quote]').click();
    await expect.poll(() => writer.evaluate(() => document.getSelection()?.toString())).toBe('expansion joints');
    await writerThread.locator('[data-testid=thread-reply]').fill('Three: the release was corrected on Friday.');
    await writerThread.locator('[data-testid=thread-reply-send]').click();
    await expect.poll(() => deskThreads.first().locator('[data-testid=comment-body]').allInnerTexts()).toEqual([
      '@Rosa are these the joints on all three spans? The council release says two.',
      'Three: the release was corrected on Friday.',
    ]);
    expect(await deskThreads.first().locator('[data-testid=comment-author]').allInnerTexts()).toEqual(['Inès Moreau', 'Rosa Okafor']);

    // A second thread, opened with the button, on words the reporter then deletes.
    await drag(desk, 'old town');
    await desk.locator('[data-testid=comment-button]').click();
    await desk.locator('[data-testid=comment-input]').fill('Name the streets?');
    await desk.locator('[data-testid=comment-submit]').click();
    await expect.poll(() => deskThreads.count()).toBe(2);
    await expect.poll(() => highlighted(writer)).toEqual(['expansion joints', 'old town']);
    await deskThreads.first().click();
    if (screenshots) {
      await desk.mouse.move(5, 5);
      await desk.screenshot({ path: path.join(repoRoot, 'docs', 'comments.png') });
    }

    await drag(writer, 'old town');
    await writer.keyboard.press('Backspace');
    const detached = desk.locator('[data-testid=thread][data-detached=true]');
    await expect.poll(() => detached.count()).toBe(1);
    expect(await detached.locator('[data-testid=thread-detached]').innerText()).toMatch(/detached/i);
    expect(await detached.locator('[data-testid=thread-quote]').innerText()).toContain('old town');
    await expect.poll(() => highlighted(desk)).toEqual(['expansion joints']);

    // The copy editor resolves both; the reporter's count and highlights go.
    for (let i = 0; i < 2; i++) await desk.locator('[data-testid=thread][data-state=open] [data-testid=thread-resolve]').first().click();
    await expect.poll(() => desk.locator('[data-testid=thread][data-state=open]').count()).toBe(0);
    await expect.poll(() => writer.locator('[data-testid=comment-count]').count()).toBe(0);
    await expect.poll(() => highlighted(writer)).toEqual([]);
    await writer.locator('[data-testid=show-resolved]').click();
    await expect.poll(() => writer.locator('[data-testid=thread][data-state=resolved] [data-testid=thread-resolved-by]').allInnerTexts()).toEqual([
      expect.stringContaining('Resolved by Inès Moreau'),
      expect.stringContaining('Resolved by Inès Moreau'),
    ]);

    // The server agrees.
    const { body: stored } = await api<{ threads: CommentThread[] }>(running.url, newsroom.publisher.cookie, 'GET', `/api/articles/${articleId}/threads`);
    expect(stored.threads.map((t) => [t.quote, t.detached, Boolean(t.resolvedAt), t.comments.length])).toEqual([
      ['expansion joints', false, true, 2],
      ['old town', true, true, 1],
    ]);
  });
});
