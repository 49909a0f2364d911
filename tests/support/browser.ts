/**
 * A headless Chromium (Debian's `chromium`, driven by playwright-core) that can reach no host but this
 * machine, and a page that records every request leaving the service's origin and every console error.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './environment';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots of the browser tests; kept out of git. */
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'explorer');

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // any host name resolves to nothing, so a request to another host fails instead of leaving the machine
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

/** Builds the explorer when `npm test` has not (running one test file directly). */
export function ensureExplorerBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'dist', 'explorer', 'index.html'))) return;
  execFileSync('npm', ['run', '-s', 'explorer:build'], { cwd: ROOT, stdio: 'inherit' });
}

export interface WatchedPage {
  page: Page;
  /** Requests to any origin but the service's, in order. */
  outside: string[];
  /** Console errors, uncaught exceptions and failed requests. */
  errors: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openPage(
  browser: Browser,
  origin: string,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const outside: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && new URL(url).origin !== origin) outside.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    errors.push(`failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  return {
    page,
    outside,
    errors,
    async screenshot(name) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
    },
    close: () => context.close(),
  };
}
