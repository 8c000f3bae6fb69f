/**
 * Tracked suggestions in Chromium: the reporter, whose story is on the copy desk, is held in Suggesting;
 * what she types is underlined and what she deletes stays struck through, in her colour. The copy editor
 * sees each suggestion in the margin with her name and the time, accepts one and rejects the other,
 * and both pages end with the same text. With GALLEY_SCREENSHOTS set, it writes docs/suggestions.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ArticleDetail } from '../../shared/api';
import { colorFor } from '../../shared/people';
import { api, repoRoot, startGalley, type RunningGalley } from '../helpers/galley';
import { launchChromium, signInPage, bodyEditor, bodyText, openStoryPage, saveStatus } from '../helpers/browser';
import { makeNewsroom, readyStory, type Newsroom } from '../helpers/newsroom';

const screenshots = Boolean(process.env.GALLEY_SCREENSHOTS);

let running: RunningGalley;
let browser: Browser;
let newsroom: Newsroom;
let articleId: string;

beforeAll(async () => {
  running = await startGalley();
  newsroom = await makeNewsroom(running.galley, running.url);
  articleId = await readyStory(running.galley, newsroom.author.id, 'copy_edit');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

const attr = (page: Page, selector: string, name: string) => page.getAttribute(selector, name);

const openStory = (page: Page) => openStoryPage(page, running.url, articleId);

describe('tracked suggestions in the browser', () => {
  it('the reporter suggests, the copy editor accepts one and rejects one', async () => {
    const { page: writer } = await signInPage(browser, running.url, newsroom.author);
    const { page: desk } = await signInPage(browser, running.url, newsroom.copyEditor);
    await openStory(writer);
    await openStory(desk);

    // The reporter may only suggest: Suggesting is forced, Editing is closed, and its shortcut does nothing.
    await expect.poll(() => attr(writer, '[data-testid=access-mode]', 'data-access')).toBe('suggest');
    await expect.poll(() => attr(writer, '[data-testid=edit-mode]', 'data-mode')).toBe('suggesting');
    expect(await writer.locator('[data-testid=mode-editing]').isDisabled()).toBe(true);
    expect(await writer.locator('[data-field=headline] .ProseMirror').getAttribute('contenteditable')).toBe('false');
    await bodyEditor(writer).click();
    await writer.keyboard.press('ControlOrMeta+Alt+KeyE');
    expect(await attr(writer, '[data-testid=edit-mode]', 'data-mode')).toBe('suggesting');

    // She strikes a word, then types at the start of the story. (In that order: at the edge of a
    // marked run the browser may spend an arrow key leaving the mark, which would shift a count.)
    await writer.keyboard.press('ControlOrMeta+Home');
    for (let i = 0; i < 'The '.length; i++) await writer.keyboard.press('ArrowRight', { delay: 15 });
    for (let i = 0; i < 'Harbour'.length; i++) await writer.keyboard.press('Shift+ArrowRight', { delay: 15 });
    // The editor reads the browser's selection as it changes: let it catch up before deleting.
    await expect.poll(() => writer.evaluate(() => document.getSelection()?.toString())).toBe('Harbour');
    await writer.waitForTimeout(100);
    await writer.keyboard.press('Backspace');
    await writer.keyboard.press('ControlOrMeta+Home');
    await writer.keyboard.type('Late news: ', { delay: 20 });

    const ins = bodyEditor(writer).locator('ins.suggestion');
    const del = bodyEditor(writer).locator('del.suggestion');
    await expect.poll(() => ins.allInnerTexts()).toEqual(['Late news: ']);
    await expect.poll(() => del.allInnerTexts()).toEqual(['Harbour']);
    // Underlined and struck through, in her colour.
    const look = (el: typeof ins) => el.first().evaluate((e) => ({ line: getComputedStyle(e).textDecorationLine, color: getComputedStyle(e).color }));
    const hex = colorFor(newsroom.author.id);
    const rgb = `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
    expect(await look(ins)).toEqual({ line: 'underline', color: rgb });
    expect(await look(del)).toEqual({ line: 'line-through', color: rgb });
    // The struck word is still there to read; the text keeps its place.
    expect(await bodyText(writer)).toMatch(/^Late news: The Harbour Bridge will close/);
    await expect.poll(() => saveStatus(writer)).toBe('saved');

    // The copy editor sees both in the margin, with the reporter's name and the time.
    await expect.poll(() => bodyEditor(desk).locator('ins.suggestion').allInnerTexts()).toEqual(['Late news: ']);
    await desk.locator('[data-testid=tab-suggestions]').click();
    const cards = desk.locator('[data-testid=suggestion]');
    await expect.poll(() => cards.count()).toBe(2);
    await expect.poll(() => desk.locator('[data-testid=suggestion-author]').allInnerTexts()).toEqual(['Rosa Okafor', 'Rosa Okafor']);
    await expect.poll(() => desk.locator('[data-testid=suggestion-time]').allInnerTexts()).toEqual(['just now', 'just now']);
    expect(await desk.locator('[data-testid=suggestion-text]').allInnerTexts()).toEqual(['Add Late news:', 'Delete Harbour']);
    expect(await desk.locator('[data-testid=suggestion-count]').innerText()).toBe('2');

    // Her own Ctrl+Alt+S and +E switch the copy editor's mode.
    await bodyEditor(desk).click();
    await desk.keyboard.press('ControlOrMeta+Alt+KeyS');
    await expect.poll(() => attr(desk, '[data-testid=edit-mode]', 'data-mode')).toBe('suggesting');
    await desk.keyboard.press('ControlOrMeta+Alt+KeyE');
    await expect.poll(() => attr(desk, '[data-testid=edit-mode]', 'data-mode')).toBe('editing');

    if (screenshots) {
      await desk.locator('[data-testid=suggestion]').first().hover();
      await desk.screenshot({ path: path.join(repoRoot, 'docs', 'suggestions.png') });
    }

    // Accept the insertion, reject the deletion.
    await cards.filter({ hasText: 'Late news' }).locator('[data-testid=suggestion-accept]').click();
    await cards.filter({ hasText: 'Harbour' }).locator('[data-testid=suggestion-reject]').click();
    await expect.poll(() => cards.count()).toBe(0);
    const expected = 'Late news: The Harbour Bridge will close to traffic every night for six weeks';
    for (const page of [desk, writer]) {
      await expect.poll(() => bodyText(page)).toMatch(new RegExp(`^${expected}`));
      await expect.poll(() => bodyEditor(page).locator('ins, del').count()).toBe(0);
    }
    await expect.poll(() => saveStatus(desk)).toBe('saved');
    const stored = await api<ArticleDetail>(running.url, newsroom.publisher.cookie, 'GET', `/api/articles/${articleId}`);
    expect(stored.body.html).toContain(`<p>${expected}`);
    expect(stored.body.checklist.find((c) => c.rule === 'suggestions')?.ok).toBe(true);
  });
});
