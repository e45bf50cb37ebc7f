// Nothing lost in ordinary accidents (issue 11 §5): a sync worker that
// fails is reported within seconds and replaced by a fresh one next time;
// the last keystrokes are kept when the page goes away inside the
// autosave's pause.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, createClient, PREVIEW_TIMEOUT } from "../fixtures.mjs";

// The service worker would answer the worker's files from its cache; this
// spec decides what the network does.
test.use({ serviceWorkers: "block" });

const PASSPHRASE = "quiet harbour lantern seven";

async function startExport(page, site) {
  await page.goto(`${site.url}/sync`);
  await page.locator("#export-passphrase").fill(PASSPHRASE);
  await page.locator("#export-repeat").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Export encrypted file" }).click();
}

test("a sync worker that cannot load is reported within seconds, and the next export starts a fresh one", async ({ page, context, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Wren Hale" });
  await context.route("**/stillpoint-worker*", (route) => route.abort());
  await startExport(page, site);
  await expect(page.getByRole("alert")).toContainText("The sync worker stopped", { timeout: 5_000 });
  await expect(page.getByRole("alert")).toContainText("nothing was changed");
  await expect(page.getByRole("button", { name: "Export encrypted file" })).toBeEnabled();

  await context.unroute("**/stillpoint-worker*");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export encrypted file" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.age$/);
});

test("the sync worker starts when the import panel opens and ends once it has answered", async ({ page, site }) => {
  const golden = new URL("../../fixtures/exports/schema-5.json", import.meta.url).pathname;
  await page.goto(site.url);
  const started = page.waitForEvent("worker");
  await page.getByRole("link", { name: "Sync & backup" }).click();
  // Started before a file is chosen, so choosing one does not wait for it.
  const worker = await started;
  const ended = new Promise((done) => worker.on("close", done));
  await page.getByLabel("Choose a file…").setInputFiles(golden);
  await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });
  // Its memory goes back to the device once the preview is made.
  await ended;
  expect(page.workers()).toHaveLength(0);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported:").first()).toBeVisible();
  // The next job starts a fresh one (a file imported before needs none).
  const again = page.waitForEvent("worker");
  const older = new URL("../../fixtures/exports/schema-4.json", import.meta.url).pathname;
  await page.getByLabel("Choose a file…").setInputFiles(older);
  const next = await again;
  await new Promise((done) => next.on("close", done));
  expect(page.workers()).toHaveLength(0);
});

test("typing is written at once when the tablet hides the app inside the autosave's pause", async ({ page, site }) => {
  // Timers stand still: the 400 ms pause never ends on its own, so only the
  // flush on hiding can write the draft.
  await page.clock.install();
  await page.goto(site.url);
  await page.getByRole("link", { name: "New client" }).click();
  await page.getByLabel("Full name").fill("Quill Ash");
  await expect(page.getByText("Draft saved on this device.")).toHaveCount(0);
  // What a tablet does when the therapist switches apps.
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await expect(page.getByText("Draft saved on this device.")).toBeVisible();
  await page.reload();
  await page.goto(`${site.url}/clients/new`);
  await expect(page.getByText("Restored what you typed earlier.")).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Quill Ash");
});

test("a newer build in another tab takes the database: this tab lets go and asks for a reload", async ({ page, context, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Tova Reed" });
  const newer = await context.newPage();
  await newer.goto(`${site.url}/manifest.webmanifest`);
  const outcome = await newer.evaluate(() => new Promise((done) => {
    const request = indexedDB.open("stillpoint", 1000);
    request.onsuccess = () => { request.result.close(); done("upgraded"); };
    request.onblocked = () => done("blocked");
    request.onerror = () => done("failed");
  }));
  expect(outcome, "the older tab closed its connection").toBe("upgraded");
  await expect(page.getByText("A newer version of Stillpoint has already updated the data")).toBeVisible();
});

test("opening waits for an older tab that holds the database, and says which tab to close", async ({ page, context, site }) => {
  const older = await context.newPage();
  await older.goto(`${site.url}/manifest.webmanifest`);
  // An older build's connection at schema 1, which ignores upgrade requests.
  await older.evaluate(() => new Promise((done) => {
    const request = indexedDB.open("stillpoint", 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("clients", { keyPath: "id" });
      request.result.createObjectStore("meta");
    };
    request.onsuccess = () => { window.held = request.result; done(); };
  }));
  await page.goto(site.url);
  await expect(page.getByRole("alert")).toContainText("open in another tab or window with an older version");
  await older.evaluate(() => window.held.close());
  await expect(page.getByRole("link", { name: "New client" })).toBeVisible();
});

async function exportPlain(page, site) {
  await page.goto(`${site.url}/sync`);
  await page.getByRole("button", { name: "Export without encryption…" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export unencrypted file" }).click(),
  ]);
  const path = join(tmpdir(), `stale-${Date.now()}-${Math.random().toString(16).slice(2)}.json`);
  await download.saveAs(path);
  return path;
}

async function importPlain(page, site, path) {
  await page.goto(`${site.url}/sync`);
  await page.getByLabel("Choose a file…").setInputFiles(path);
  await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" })).toBeVisible();
}

async function editField(page, site, name, label, text) {
  await page.goto(`${site.url}/clients`);
  await page.locator(".client-row", { hasText: name }).click();
  await page.getByRole("link", { name: "Edit details" }).click();
  await page.getByLabel(label).fill(text);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("an edit made in another tab between an import's preview and Import is kept", async ({ page, context, browser, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Omar Reyes" });
  const shared = await exportPlain(page, site);
  const laptop = await (await browser.newContext({ serviceWorkers: "block" })).newPage();
  await importPlain(laptop, site, shared);
  await editField(laptop, site, "Omar Reyes", "Phone", "555 0101");
  const fromLaptop = await exportPlain(laptop, site);

  await page.goto(`${site.url}/sync`);
  await page.getByLabel("Choose a file…").setInputFiles(fromLaptop);
  await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });
  const otherTab = await context.newPage();
  await editField(otherTab, site, "Omar Reyes", "Notes", "Edited in the other tab.");

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("The records changed in another tab since the first preview")).toBeVisible();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" })).toBeVisible();
  await page.goto(`${site.url}/clients`);
  await page.locator(".client-row", { hasText: "Omar Reyes" }).click();
  await expect(page.locator(".notes")).toContainText("Edited in the other tab.");
  await expect(page.locator(".details")).toContainText("555 0101");
});
