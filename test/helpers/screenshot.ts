import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Locator, Page } from "playwright-core";

/**
 * Whether to write the screenshots that no assertion reads, for a person to
 * look at (`LESSONS_TEST_ARTIFACTS=1`); without it the browser tests take only
 * the screenshots they measure.
 */
export const keepArtifacts = process.env.LESSONS_TEST_ARTIFACTS === "1";

/**
 * Save a screenshot of `target` (a page's viewport, or one element) to `file`
 * for a person to look at, and return the share of its pixels (0 to 1) that
 * differ clearly from its most common colour, the background: near 0, the
 * image shows nothing a reader could read.
 */
export async function saveScreenshot(page: Page, target: Page | Locator, file: string): Promise<number> {
  const png = await target.screenshot();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, png);
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d")!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const counts = new Map<number, number>();
    for (let at = 0; at < data.length; at += 4) {
      const colour = (data[at]! << 16) | (data[at + 1]! << 8) | data[at + 2]!;
      counts.set(colour, (counts.get(colour) ?? 0) + 1);
    }
    const background = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
    const channels = [background >> 16, (background >> 8) & 255, background & 255];
    let ink = 0;
    for (let at = 0; at < data.length; at += 4) {
      const distance = channels.reduce((sum, channel, index) => sum + Math.abs(data[at + index]! - channel), 0);
      if (distance > 48) ink += 1;
    }
    return ink / (data.length / 4);
  }, png.toString("base64"));
}

/**
 * Which of `selectors` (the first match of each inside `scope`) a reader
 * would not see whole: missing, of no size, not wholly inside the window, or
 * covered where it starts by something else.
 */
export function unseen(scope: Locator, selectors: string[]): Promise<string[]> {
  return scope.evaluate(
    (element, selectors) =>
      selectors.filter((selector) => {
        const part = element.matches(selector) ? element : element.querySelector(selector);
        const box = part?.getBoundingClientRect();
        if (!part || !box || box.width === 0 || box.height === 0) return true;
        const inside = box.left >= -1 && box.top >= -1 && box.right <= window.innerWidth + 1 && box.bottom <= window.innerHeight + 1;
        const seen = document.elementFromPoint(box.left + Math.min(4, box.width / 2), box.top + Math.min(box.height / 2, 10));
        return !inside || seen === null || !part.contains(seen);
      }),
    selectors,
  );
}

/**
 * Wait until no CSS transition is running (a slide's progress bar, a panel
 * opening); animations meant to catch the eye, such as reveal.js's bouncing
 * arrow, may go on.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => !(animation instanceof CSSTransition) || animation.playState !== "running"),
  );
}
