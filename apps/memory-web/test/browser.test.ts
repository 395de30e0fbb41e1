import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, launchChromium } from "./support/chromium";
import { type RunningWebApp, startWebApp } from "./support/web-server";

// The app in a real browser (Debian's headless Chromium), on the built-in emulator. Without
// Chromium these tests skip loudly, except under CI, where a missing browser is a failure.
// Written on every run (gitignored); docs/memory-web.png is the README's copy of the first.
const SCREENSHOTS = fileURLToPath(new URL("../screenshots/", import.meta.url));
if (!chromiumPath && process.env.CI !== "true")
  console.warn("memory-web browser tests SKIPPED: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)");
const browserDescribe = chromiumPath || process.env.CI === "true" ? describe : describe.skip;

let browser: Browser;
beforeAll(async () => {
  if (!chromiumPath && process.env.CI !== "true") return;
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function openPage(app: RunningWebApp, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(app.url);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

/** Types a message and sends it with Enter, as a keyboard user does. */
async function say(page: Page, text: string): Promise<void> {
  await page.getByLabel("Message").fill(text);
  await page.getByLabel("Message").press("Enter");
}

const lastTurn = (page: Page) => page.locator("#transcript > li.turn").last();
const turnDone = (page: Page) => lastTurn(page).locator(".footer").waitFor();
const block = (page: Page, label: string) => page.locator(`.block[data-label="${label}"]`);

browserDescribe("memory-web in a browser", () => {
  let app: RunningWebApp;
  beforeAll(async () => {
    app = await startWebApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("streams the answer and shows the memory panel change, with a diff; a reload keeps both", async () => {
    const page = await openPage(app);
    await say(page, "My name is Sam");
    await turnDone(page);
    await expect(lastTurn(page).locator(".answer").textContent()).resolves.toMatch(/Sam/);
    await expect(lastTurn(page).locator(".footer").textContent()).resolves.toMatch(/stop reason: end_turn · \d+ in/);
    // Thinking is there, collapsed; the tool call shows its input and result.
    await expect(lastTurn(page).locator("details.thinking").getAttribute("open")).resolves.toBeNull();
    await expect(lastTurn(page).locator("details.tool pre").first().textContent()).resolves.toMatch(/Sam/);
    const human = block(page, "human");
    await expect(human.getAttribute("class")).resolves.toMatch(/changed/);
    await expect(human.locator(".diff").textContent()).resolves.toMatch(/^\+ .*Sam/);
    await page.screenshot({ path: `${SCREENSHOTS}memory-web.png` });

    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await expect(page.locator("#transcript .user").first().textContent()).resolves.toBe("My name is Sam");
    await expect(block(page, "human").locator(".value").textContent()).resolves.toContain("name is Sam");
    await page.close();
  });

  it("asks before memory edits: Approve runs the edit, Deny leaves memory as it was", async () => {
    const page = await openPage(app);
    await page.getByLabel("Ask before memory edits").check();
    await say(page, "I live in Lisbon");
    const approve = lastTurn(page).getByRole("button", { name: "Approve" });
    await approve.waitFor();
    await expect(lastTurn(page).locator(".approval pre").textContent()).resolves.toMatch(/Lisbon/);
    await page.screenshot({ path: `${SCREENSHOTS}memory-web-approval.png` });
    // The Approve button has the focus: Enter answers it.
    await page.keyboard.press("Enter");
    await turnDone(page);
    await expect(block(page, "human").locator(".value").textContent()).resolves.toContain("Lisbon");

    await say(page, "I like tea");
    await lastTurn(page).getByRole("button", { name: "Deny" }).click();
    await turnDone(page);
    await expect(block(page, "human").locator(".value").textContent()).resolves.not.toContain("tea");
    await page.getByLabel("Ask before memory edits").uncheck();
    await page.close();
  });

  it("keeps sessions apart and shares memory across them; switching shows each one's history", async () => {
    const page = await openPage(app);
    const before = await page.locator("#session-list button").count();
    await page.getByRole("button", { name: "New session" }).click();
    // The new session is current and empty.
    await page.waitForFunction(
      (n) =>
        document.querySelector("#session-list [aria-current=true]")?.textContent === `Session ${n}` &&
        document.querySelectorAll("#transcript li").length === 0,
      before + 1,
    );
    await say(page, "What's my name?");
    await turnDone(page);
    await expect(lastTurn(page).locator(".answer").textContent()).resolves.toMatch(/Sam/);
    // Back to the first session: its own history, not this one's.
    await page.getByRole("button", { name: "Session 1" }).click();
    await page.waitForFunction(() => document.querySelector("#transcript .user")?.textContent === "My name is Sam");
    await expect(page.locator("#transcript .user").allTextContents()).resolves.not.toContain("What's my name?");
    await page.close();
  });

  it("reads well at phone width: one column, nothing wider than the screen", async () => {
    const page = await openPage(app, { width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const [chat, memory] = await Promise.all([
      page.locator(".chat").boundingBox(),
      page.locator(".memory").boundingBox(),
    ]);
    expect(chat?.width).toBeGreaterThan(300);
    expect((memory?.y ?? 0) > (chat?.y ?? 0)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}memory-web-phone.png`, fullPage: true });
    await page.close();
  });
});

browserDescribe("memory-web stop button", () => {
  let app: RunningWebApp;
  beforeAll(async () => {
    // Slow frames, so the turn is still running when Stop is pressed.
    app = await startWebApp(["--emulator-frame-delay", "150"]);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("cancels the run: the turn ends with stop reason cancelled, and the next one runs", async () => {
    const page = await openPage(app);
    await say(page, "My name is Sam");
    await lastTurn(page).locator(".thinking").waitFor();
    await page.getByRole("button", { name: "Stop" }).click();
    await turnDone(page);
    await expect(lastTurn(page).locator(".footer").textContent()).resolves.toMatch(/stop reason: cancelled/);
    await expect(page.getByRole("button", { name: "Send" }).isEnabled()).resolves.toBe(true);
    await page.close();
  });
});
