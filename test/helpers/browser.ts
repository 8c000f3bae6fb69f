/** Debian's Chromium driven by playwright-core, as the browser tests and screenshots use it. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags this machine needs (no sandbox as root, no network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Opens a new context at a laptop's size and signs in through the login page. */
export async function signInPage(browser: Browser, url: string, user: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.fill('input[name=email]', user.email);
  await page.fill('input[name=password]', user.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=new-story]');
  return { context, page };
}

/** A page's story body editor. */
export const bodyEditor = (page: Page) => page.locator('[data-field=body] .ProseMirror');

/** The words of the body as a reader sees them, a line per block: remote carets and their name labels left out. */
export const bodyText = (page: Page) =>
  bodyEditor(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return [...copy.children].map((block) => block.textContent).join('\n');
  });

/** What the editor's status line says of the story's changes: `saved`, `offline-unsaved`, … */
export const saveStatus = (page: Page) => page.getAttribute('[data-testid=save-status]', 'data-status');

/** Opens a story by its address and waits until its editor says everything is saved. */
export async function openStoryPage(page: Page, url: string, articleId: string): Promise<void> {
  await page.goto(`${url}/stories/${articleId}`);
  await expect.poll(() => saveStatus(page), { timeout: 15_000 }).toBe('saved');
}
