/**
 * The browser: the JavaScript the editor route loads, gzipped, and the time from navigating to a
 * story to an editable body, in headless Chromium with an empty cache (signed in through the login
 * page first). Galley only: the peers serve no editor.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { clientDist, repoRoot } from '../paths';
import { median } from '../stats';
import { ms, num } from '../report/format';
import { withServer, type Outcome, type RunContext, type Workload } from './Workload';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const editableBody = '[data-field=body] .ProseMirror[contenteditable=true]';

function ensureClientBuild(ctx: RunContext): void {
  if (fs.existsSync(path.join(clientDist, 'index.html'))) return;
  ctx.progress('browser: building the web client');
  execFileSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Gzipped size of a script the page loaded: the built file when it is one, else what was served. */
function gzipSize(url: string, served: Buffer): number {
  const file = path.join(clientDist, decodeURIComponent(new URL(url).pathname));
  const bytes = file.startsWith(clientDist + path.sep) && fs.existsSync(file) ? fs.readFileSync(file) : served;
  return zlib.gzipSync(bytes, { level: 9 }).byteLength;
}

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const browser: Workload = {
  id: 'browser',
  only: ['galley'],
  title: (s) => `the editor in headless Chromium, empty cache, median of ${s.browser.runs}`,
  rows: [
    { key: 'browser.js', label: 'editor route JavaScript, gzip (kB)' },
    { key: 'browser.editable', label: 'navigation → editable body (ms)' },
  ],
  async run(kind, ctx): Promise<Outcome> {
    ensureClientBuild(ctx);
    return withServer(kind, ctx, async (server) => {
      if (!server.web) throw new Error('the browser workload needs Galley');
      const { url, login } = server.web;
      const [story] = await server.createStories(1);
      const chrome = await launch();
      try {
        const signIn = await chrome.newContext();
        const page = await signIn.newPage();
        await page.goto(`${url}/login`);
        await page.fill('input[name=email]', login.email);
        await page.fill('input[name=password]', login.password);
        await page.click('button[type=submit]');
        await page.waitForURL((u) => !u.pathname.startsWith('/login'));
        const cookies = await signIn.cookies();
        await signIn.close();

        const times: number[] = [];
        let scriptBytes = 0;
        for (let run = 0; run < ctx.scale.browser.runs; run++) {
          // A new context each time: nothing cached, as for a reporter opening a link.
          const context = await chrome.newContext({ viewport: { width: 1280, height: 800 } });
          await context.addCookies(cookies);
          const tab = await context.newPage();
          const scripts: Promise<number>[] = [];
          tab.on('response', (res) => {
            if (res.request().resourceType() === 'script') scripts.push(res.body().then((body) => gzipSize(res.url(), body)));
          });
          const started = performance.now();
          await tab.goto(`${url}/stories/${encodeURIComponent(story)}`, { waitUntil: 'commit' });
          await tab.waitForSelector(editableBody, { timeout: 30_000 });
          times.push(performance.now() - started);
          if (run === 0) scriptBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
          await context.close();
        }
        const editable = median(times);
        return {
          cells: {
            'browser.js': { text: num(scriptBytes / 1000, 1), value: scriptBytes },
            'browser.editable': ms(editable),
          },
          problems: scriptBytes === 0 ? ['the editor route loaded no script'] : [],
        };
      } finally {
        await chrome.close();
      }
    });
  },
};
