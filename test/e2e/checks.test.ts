/**
 * The Checks tab in Chromium: the copy editor opens the imported wire story, finds “costumary” in the
 * Checks panel, fixes it with one click (the standfirst changes, and the server has it), dismisses a
 * cliché with a reason and takes the dismissal back. With GALLEY_SCREENSHOTS set, it writes docs/checks.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ArticleDetail, ArticleSummary } from '../../shared/api';
import type { ChecksReport } from '../../shared/checks/types';
import { addUser, api, repoRoot, signIn, startGalley, type RunningGalley, type TestUser } from '../helpers/galley';
import { launchChromium, saveStatus, signInPage } from '../helpers/browser';

const screenshots = Boolean(process.env.GALLEY_SCREENSHOTS);
const wireStory = fs.readFileSync(path.join(repoRoot, 'test/fixtures/wire-story.txt'), 'utf8');

let running: RunningGalley;
let browser: Browser;
let copyEditor: TestUser;
let copyCookie: string;
let storyId: string;

const eventually = <T>(value: () => T | Promise<T>, timeout = 10_000) => expect.poll(value, { timeout });
const problem = (page: Page, text: string) => page.locator(`[data-testid=check-problem][data-text="${text}"]`);

beforeAll(async () => {
  running = await startGalley();
  const reporter = await addUser(running.galley, 'writer', 'Rosa Okafor');
  copyEditor = await addUser(running.galley, 'copy_editor', 'Inès Moreau');
  const reporterCookie = await signIn(running.url, reporter);
  copyCookie = await signIn(running.url, copyEditor);
  const imported = await api<{ article: ArticleSummary }>(running.url, reporterCookie, 'POST', '/api/articles/import', { text: wireStory });
  storyId = imported.body.article.id;
  // On the copy desk, the copy editor may edit the story.
  expect((await api(running.url, reporterCookie, 'POST', `/api/articles/${storyId}/transitions`, { action: 'submit' })).status).toBe(200);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

describe('the Checks tab', () => {
  it('lists “costumary”, fixes it in one click, and dismisses and restores a problem', async () => {
    const { context, page } = await signInPage(browser, running.url, copyEditor);
    await page.goto(`${running.url}/stories/${storyId}`);
    await eventually(() => page.getAttribute('[data-testid=access-mode]', 'data-access')).toBe('edit');
    await eventually(() => saveStatus(page)).toBe('saved');
    await page.click('[data-testid=tab-checks]');

    // The misspelling, with where it is and its fix.
    const costumary = problem(page, 'costumary');
    await costumary.waitFor({ timeout: 15_000 });
    expect(await costumary.getAttribute('data-rule')).toBe('spelling');
    expect(await costumary.getAttribute('data-field')).toBe('standfirst');
    expect(await costumary.locator('[data-testid=check-reveal]').textContent()).toContain('It’s costumary for World Leaders');
    expect(await costumary.locator('[data-testid=check-fix]').textContent()).toContain('customary');
    await expect.poll(() => problem(page, 'October 7').count()).toBe(1);
    const before = Number(await page.getAttribute('[data-testid=checks-count]', 'data-count'));
    expect(before).toBeGreaterThanOrEqual(4);

    // Clicking the problem selects it in the standfirst.
    await costumary.locator('[data-testid=check-reveal]').click();
    await eventually(() => page.evaluate(() => window.getSelection()?.toString())).toBe('costumary');

    // One click fixes it in the live text.
    await costumary.locator('[data-testid=check-fix]').click();
    const standfirst = page.locator('[data-field=standfirst] .ProseMirror');
    await eventually(() => standfirst.textContent()).toBe('It’s customary for World Leaders to congratulate each other, despite political disagreements.');
    await eventually(() => problem(page, 'costumary').count()).toBe(0);
    await eventually(() => page.getAttribute('[data-testid=checks-count]', 'data-count')).toBe(String(before - 1));
    // The fix reached the server, as any edit does.
    await eventually(async () => (await api<ArticleDetail>(running.url, copyCookie, 'GET', `/api/articles/${storyId}`)).body.standfirst).toBe(
      'It’s customary for World Leaders to congratulate each other, despite political disagreements.',
    );

    // A cliché the desk keeps, dismissed with a reason.
    const cliche = problem(page, 'war-torn');
    await cliche.locator('[data-testid=check-dismiss]').click();
    await page.fill('[data-testid=check-dismiss-reason]', 'The wire’s phrase, in a quotation.');
    await page.click('[data-testid=check-dismiss-confirm]');
    await eventually(() => cliche.getAttribute('data-dismissed')).toBe('true');
    expect(await cliche.locator('[data-testid=check-dismissal-reason]').textContent()).toContain('The wire’s phrase, in a quotation.');
    await eventually(() => page.getAttribute('[data-testid=checks-count]', 'data-count')).toBe(String(before - 2));
    const report = (await api<ChecksReport>(running.url, copyCookie, 'GET', `/api/articles/${storyId}/checks`)).body;
    expect(report.unresolved).toBe(before - 2);

    if (screenshots) {
      await page.locator('[data-field=headline] .ProseMirror').click();
      await page.mouse.move(0, 0);
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(repoRoot, 'docs', 'checks.png') });
    }

    // Undone, it is open again.
    await cliche.locator('[data-testid=check-undo]').click();
    await eventually(() => cliche.getAttribute('data-dismissed')).toBe('false');
    await eventually(() => page.getAttribute('[data-testid=checks-count]', 'data-count')).toBe(String(before - 1));
    await context.close();
  });
});
