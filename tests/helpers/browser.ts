/**
 * Debian's Chromium driven by playwright-core, with the network closed: every request is
 * recorded, and any request to another origin is aborted and listed, so a page that needs
 * the internet visibly breaks and the test can name what it asked for.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Fails, never skips, when Chromium is missing: a browser suite that silently skips would
 * report a green build that proved nothing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}; the browser tests need it. ` +
        'Install it with `apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

export interface RecordedPage {
  context: BrowserContext;
  page: Page;
  /** Every URL requested, in order. */
  requests: string[];
  /** Requests to any other origin (aborted). */
  foreign: string[];
  /** Console errors and uncaught exceptions (CSP violations are reported as console errors). */
  errors: string[];
  /** Bytes received so far (encoded bodies plus headers) for finished requests. */
  transferred(): Promise<number>;
}

/** A fresh context (empty cache and storage) whose page may only reach `origin`. */
export async function openRecordedPage(browser: Browser, origin: string): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const requests: string[] = [];
  const foreign: string[] = [];
  const errors: string[] = [];
  const sizes: Promise<number>[] = [];

  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith('data:') || new URL(url).origin === origin) return route.continue();
    foreign.push(url);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  // Fail a step within the test's own timeout, with the step named, rather than hang.
  page.setDefaultTimeout(10_000);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('requestfinished', (request) => {
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize, () => 0));
  });
  return {
    context,
    page,
    requests,
    foreign,
    errors,
    transferred: async () => (await Promise.all(sizes)).reduce((sum, n) => sum + n, 0),
  };
}
