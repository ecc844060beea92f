// Drives the real web UI in Debian's Chromium (playwright-core, no browser download): the system
// from startTestSystem serves apps/web/dist at `/`; each role signs in in its own browser context.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../seeds/seed';

export const CHROMIUM = process.env.DUBAN_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS = path.join(__dirname, '..', 'artifacts', 'browser');

/** Fails (never skips) with what to install when the browser or the web build is missing. */
export function assertBrowserPrerequisites(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`browser suites need Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium fonts-noto-cjk\` (or set DUBAN_CHROMIUM)`);
  }
  const index = path.join(__dirname, '..', '..', 'apps', 'web', 'dist', 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error('browser suites need the web UI build (apps/web/dist): run them through `npm test`, which builds it, or run `npm run build:web` first');
  }
}

export interface Harness {
  browser: Browser;
  /** A signed-in page for the user, in a browser context of its own. */
  signIn(username: string): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openHarness(baseUrl: string): Promise<Harness> {
  assertBrowserPrerequisites();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // launch() gives the browser a fresh temporary profile (user-data dir) of its own, removed on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async signIn(username) {
      // Reduced motion: the UI then drops its animations, so no click lands on a dialog still zooming in.
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true, reducedMotion: 'reduce' });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto('/');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('current-user').waitFor();
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/**
 * Picks an option of the Ant Design select labelled `label` in the open dialog, with the keyboard:
 * on a loaded machine the dialog may still be zooming in when the dropdown opens, so a mouse click
 * lands on whatever moved under it (seen: a form label). Arrow keys walk the options until the
 * wanted one is active, Enter takes it, and the select must then show it.
 */
export async function chooseOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  const dialog = page.getByRole('dialog');
  const input = dialog.getByLabel(label, { exact: true });
  const select = input.locator(`xpath=ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
  const matches = (text: string) => (typeof option === 'string' ? text.includes(option) : option.test(text));
  await input.focus();
  await input.press('ArrowDown'); // opens the dropdown
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await options.first().waitFor(); // the list may still be loading
  // A long list is virtual (only the options near the active one are in the page): walk it with the
  // keyboard (it wraps round; options still loading join it) rather than waiting for an option that
  // is not drawn yet.
  for (let step = 0; step <= 400; step++) {
    const active = await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').first().getAttribute('title');
    if (active && matches(active)) {
      await input.press('Enter');
      for (let check = 0; check < 30; check++) {
        if (matches(await select.innerText())) return;
        await page.waitForTimeout(100);
      }
      break;
    }
    await input.press('ArrowDown');
  }
  throw new Error(`the select「${label}」does not show ${String(option)}`);
}

/**
 * The open dialog's primary button; waits for the dialog to close. If it stays open (the server
 * refused, or is slow on a loaded machine), the failure says what the dialog shows and a
 * screenshot is kept, so the cause is visible without re-running.
 */
export async function confirmDialog(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: button, exact: true }).click();
  try {
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
  } catch (error) {
    const shown = await dialog.innerText().catch(() => '(dialog text unavailable)');
    await page.screenshot({ path: path.join(ARTIFACTS, `failed-dialog-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
    throw new Error(`the「${button}」dialog did not close; it shows: ${shown.replace(/\s+/g, ' ').slice(0, 500)}`, { cause: error });
  }
}
