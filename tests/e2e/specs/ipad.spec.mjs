// The iPad's conventions and install (issue 15 §3): the apple-touch icon
// (opaque, 180 × 180) and the apple-mobile-web-app tags on both apps; the
// manifest's language, shortcuts and screenshots, each file it names
// served; the safe areas kept clear in both orientations; and, in a browser
// tab, the calm note about adding the app to the Home Screen (dismissed for
// good after it has shown once more for the first client, with the
// browser's own install prompt where Chromium offers one); export and plan
// files opened from the system (file_handlers) reaching the import. Also (§4) the
// handout's "How to do it" keeping its lines. Screenshots of the note go to
// target/screenshots/.
import { mkdir, readFile } from "node:fs/promises";
import {
  test, expect, createClient, scrollsSideways, smallTargets, PREVIEW_TIMEOUT, TABLET_SIZES,
} from "../fixtures.mjs";

const OUT = new URL("../../../target/screenshots/", import.meta.url).pathname;

/** A PNG's size and whether it can hold any transparency: colour types 4
 * and 6 carry alpha, and a tRNS chunk makes a colour transparent. */
function pngFacts(bytes) {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const colourType = bytes[25];
  const chunks = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    chunks.push(bytes.subarray(at + 4, at + 8).toString("latin1"));
    at += 12 + length;
  }
  return { width, height, transparent: colourType === 4 || colourType === 6 || chunks.includes("tRNS") };
}

test("both apps carry the iPad's tags and an opaque 180 × 180 touch icon", async ({ page, site }) => {
  for (const [path, title] of [["/", "Stillpoint"], ["/phone/", "My self-care"]]) {
    await page.goto(`${site.url}${path}`);
    const meta = (name) => page.locator(`meta[name="${name}"]`).getAttribute("content");
    expect(await meta("apple-mobile-web-app-capable")).toBe("yes");
    expect(await meta("mobile-web-app-capable")).toBe("yes");
    expect(await meta("apple-mobile-web-app-title")).toBe(title);
    expect(await meta("apple-mobile-web-app-status-bar-style")).toBe("default");
    expect(await page.locator('meta[name="viewport"]').getAttribute("content")).toContain("viewport-fit=cover");
    const icon = page.locator('link[rel="apple-touch-icon"]');
    await expect(icon).toHaveCount(1);
    expect(await icon.getAttribute("sizes")).toBe("180x180");
    const response = await page.request.get(`${site.url}${await icon.getAttribute("href")}`);
    expect(response.ok()).toBe(true);
    expect(response.headers()["content-type"]).toBe("image/png");
    expect(pngFacts(await response.body())).toEqual({ width: 180, height: 180, transparent: false });
  }
});

test("the manifest names its language, shortcuts and screenshots, and every file it names is served", async ({ page, site }) => {
  const manifest = await (await page.request.get(`${site.url}/manifest.webmanifest`)).json();
  expect(manifest.lang).toBe("en");
  expect(manifest.shortcuts.map((shortcut) => [shortcut.name, shortcut.url])).toEqual([
    ["New client", "/clients/new"], ["Today", "/today"], ["Back up now", "/sync"],
  ]);
  expect(manifest.screenshots.map((shot) => shot.form_factor)).toEqual(["wide", "narrow"]);
  const images = [...manifest.icons, ...manifest.shortcuts.flatMap((shortcut) => shortcut.icons), ...manifest.screenshots];
  for (const image of images) {
    const response = await page.request.get(`${site.url}${image.src}`);
    expect(response.ok(), image.src).toBe(true);
    expect(response.headers()["content-type"]).toBe(image.type);
    const { width, height } = pngFacts(await response.body());
    expect(`${width}x${height}`, image.src).toBe(image.sizes);
  }
  for (const shot of manifest.screenshots) expect(shot.label.length).toBeGreaterThan(10);
  // Each shortcut opens its page.
  for (const [url, heading] of [["/clients/new", "New client"], ["/today", "Today"], ["/sync", "Sync & backup"]]) {
    await page.goto(`${site.url}${url}`);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  // The touch icon is precached with the app; the screenshots, which only
  // the browser's install sheet shows, are not.
  const worker = await (await page.request.get(`${site.url}/sw.js`)).text();
  const precached = Object.keys(JSON.parse(worker.match(/const PRECACHE = (\{[^}]*\});/)[1]));
  expect(precached).toContain("/icons/apple-touch-icon-180.png");
  expect(precached.filter((url) => url.startsWith("/screenshots/"))).toEqual([]);
  const phoneWorker = await (await page.request.get(`${site.url}/phone/sw.js`)).text();
  expect(phoneWorker).toContain("/phone/icons/apple-touch-icon-180.png");

  expect(manifest.file_handlers).toEqual([
    { action: "/sync", launch_type: "single-client", accept: { "application/json": [".json"], "application/octet-stream": [".age"] } },
  ]);
  const phone = await (await page.request.get(`${site.url}/phone/manifest.webmanifest`)).json();
  expect(phone.lang).toBe("en");
  expect(phone.file_handlers).toEqual([{ action: "/phone/", launch_type: "single-client", accept: { "application/json": [".json"] } }]);
});

/** Makes the page's `window.launchQueue` hand over `file` as the system
 * does when the app is opened with it (Chromium's file handling). */
async function launchWith(page, file) {
  await page.addInitScript(({ name, text }) => {
    // Chromium's own queue is read-only and never fills in a test.
    Object.defineProperty(window, "launchQueue", {
      value: {
        setConsumer(consumer) {
          consumer({ files: [{ getFile: async () => new File([text], name, { type: "application/json" }) }] });
        },
      },
    });
  }, file);
}

test("a file the system opens the app with goes to the import: an export on the tablet, a plan on the phone", async ({ page, site, context }) => {
  const text = await readFile(new URL("../../fixtures/exports/schema-5.json", import.meta.url), "utf8");
  await launchWith(page, { name: "stillpoint-2026-11-27.json", text });
  await page.goto(`${site.url}/sync`);
  await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });

  const phone = await context.newPage();
  await launchWith(phone, { name: "stillpoint-2026-11-27.json", text: JSON.stringify({ format: "stillpoint-export", schema_version: 2 }) });
  await phone.goto(`${site.url}/phone/`);
  await expect(phone.getByRole("alert")).toHaveText(/This is a practice backup or sync file, not a self-care plan or diary\./);
});

test("the frame keeps its controls out of the safe areas in both orientations", async ({ page, site }) => {
  const cdp = await page.context().newCDPSession(page);
  const insets = { top: 24, left: 44, right: 44, bottom: 20 };
  await cdp.send("Emulation.setSafeAreaInsetsOverride", { insets });
  for (const size of TABLET_SIZES) {
    await page.setViewportSize(size);
    await page.goto(site.url);
    await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
    const boxes = await page.locator(".nav-item").evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON()));
    for (const box of boxes) {
      expect(box.left, size.name).toBeGreaterThanOrEqual(insets.left);
      expect(box.right, size.name).toBeLessThanOrEqual(size.width - insets.right);
      expect(box.top, size.name).toBeGreaterThanOrEqual(insets.top);
      expect(box.bottom, size.name).toBeLessThanOrEqual(size.height - insets.bottom);
      expect(box.height, size.name).toBeGreaterThanOrEqual(48);
    }
    const heading = await page.getByRole("heading", { name: "Clients" }).boundingBox();
    expect(heading.y, size.name).toBeGreaterThanOrEqual(insets.top);
    expect(heading.x, size.name).toBeGreaterThanOrEqual(insets.left);
    const newClient = await page.getByRole("link", { name: "New client" }).boundingBox();
    expect(newClient.x + newClient.width, size.name).toBeLessThanOrEqual(size.width - insets.right);
    expect(newClient.y + newClient.height, size.name).toBeLessThanOrEqual(size.height - insets.bottom);
    expect(await scrollsSideways(page)).toBe(false);
  }
});

test.describe("in a browser tab", () => {
  test.use({ installed: false });

  test("the Home Screen note shows, stays dismissed, and shows once more after the first client", async ({ page, site }) => {
    await page.goto(site.url);
    const note = page.getByRole("region", { name: "Keep Stillpoint on the Home Screen" });
    await expect(note).toBeVisible();
    await expect(note).toContainText("Safari may clear the app's data");
    await expect(note).toContainText("tap Share, then Add to Home Screen");
    await expect(note.getByRole("button", { name: "Install" })).toHaveCount(0);
    await note.getByRole("button", { name: "Got it" }).click();
    await expect(note).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
    await expect(note).toHaveCount(0);

    await createClient(page, { fullName: "First Client" });
    await expect(note).toBeVisible();
    await page.reload();
    await expect(note).toBeVisible();
    await note.getByRole("button", { name: "Got it" }).click();
    await expect(note).toHaveCount(0);
    await createClient(page, { fullName: "Second Client" });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Second Client" })).toBeVisible();
    await expect(note).toHaveCount(0);
  });

  test("Chromium's install prompt is kept back and offered as Install", async ({ page, site }) => {
    await page.goto(site.url);
    const note = page.getByRole("region", { name: "Keep Stillpoint on the Home Screen" });
    await expect(note).toBeVisible();
    const kept = await page.evaluate(() => {
      const event = new Event("beforeinstallprompt", { cancelable: true });
      window.prompted = 0;
      event.prompt = () => {
        window.prompted += 1;
        return Promise.resolve({ outcome: "accepted" });
      };
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(kept).toBe(true);
    await note.getByRole("button", { name: "Install" }).click();
    expect(await page.evaluate(() => window.prompted)).toBe(1);
    // A prompt can be shown only once.
    await expect(note.getByRole("button", { name: "Install" })).toHaveCount(0);
  });

  test("the note at both tablet sizes, light and dark: screenshots", async ({ page, site }) => {
    await mkdir(OUT, { recursive: true });
    for (const size of TABLET_SIZES) {
      for (const scheme of ["light", "dark"]) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(site.url);
        const note = page.getByRole("region", { name: "Keep Stillpoint on the Home Screen" });
        await expect(note).toBeVisible();
        await page.evaluate(() => {
          const event = new Event("beforeinstallprompt", { cancelable: true });
          event.prompt = () => Promise.resolve({ outcome: "dismissed" });
          window.dispatchEvent(event);
        });
        await expect(note.getByRole("button", { name: "Install" })).toBeVisible();
        expect(await smallTargets(page)).toEqual([]);
        expect(await scrollsSideways(page)).toBe(false);
        const box = await note.boundingBox();
        expect(box.height, `${size.name} ${scheme}: a brief note`).toBeLessThan(size.height / 4);
        await page.screenshot({ path: `${OUT}home-screen-note-${size.name}-${scheme}.png` });
      }
    }
  });
});

test("the handout and the plan keep the lines of How to do it", async ({ page, site, browser }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Lines Client" });
  const id = page.url().split("/").pop();
  await page.goto(`${site.url}/clients/${id}/self-care`);
  await page.getByRole("button", { name: "New plan" }).click();
  await page.getByRole("button", { name: "Add Chin tucks", exact: true }).click();
  const steps = "1. Sit tall.\n2. Draw the chin back.\n\nRepeat <10> times & rest.";
  await page.locator("#care-item-0").getByLabel("How to do it").fill(steps);
  await page.getByRole("button", { name: "Save plan" }).click();
  const card = page.locator(".care-current .care-item-card").first();
  await expect(card).toContainText("1. Sit tall.");
  const howTo = card.locator("p.preformatted").first();
  expect(await howTo.evaluate((element) => element.innerText)).toBe(steps);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download handout" }).click()]);
  const handout = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await handout.setContent(await readFile(await download.path(), "utf8"));
  const howToDd = handout.locator("dt", { hasText: "How to do it" }).locator("xpath=following-sibling::dd");
  await expect(howToDd.locator("p")).toHaveCount(2);
  expect(await howToDd.evaluate((element) => element.innerText.trim())).toBe(
    "1. Sit tall.\n2. Draw the chin back.\n\nRepeat <10> times & rest.",
  );
  await handout.close();
});
