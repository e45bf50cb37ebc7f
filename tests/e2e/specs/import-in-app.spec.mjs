// After an import the app must show what the file brought without a
// reload: a client whose record was open before, and the self-care
// library, read once at start. Every step here moves through the app's own
// links (no page.goto after the start), as a therapist does.
import { join } from "node:path";
import { tmpdir } from "node:os";
import { test, expect, createClient, createIntake, PREVIEW_TIMEOUT } from "../fixtures.mjs";

const PASSPHRASE = "quiet harbour lantern seven";

async function exportFile(page) {
  await page.getByRole("link", { name: "Sync & backup" }).click();
  await page.locator("#export-passphrase").fill(PASSPHRASE);
  await page.locator("#export-repeat").fill(PASSPHRASE);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export encrypted file" }).click(),
  ]);
  await page.getByRole("button", { name: "I have the file" }).click();
  const path = join(tmpdir(), `stillpoint-${Date.now()}-${Math.random().toString(16).slice(2)}.age`);
  await download.saveAs(path);
  return path;
}

async function importInApp(page, path) {
  await page.getByRole("link", { name: "Sync & backup" }).click();
  await page.getByLabel("Choose a file…").setInputFiles(path);
  await page.locator("#import-passphrase").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Open file" }).click();
  await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" })).toBeVisible();
}

async function openLibrary(page) {
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Self-care library" }).click();
}

test("what an import brings shows on pages read before it, without a reload", async ({ browser, site }) => {
  test.setTimeout(120_000);
  const tablet = await (await browser.newContext()).newPage();
  const laptop = await (await browser.newContext()).newPage();
  await tablet.goto(site.url);
  await createClient(tablet, { fullName: "Ada Lovelace" });
  const first = await exportFile(tablet);

  await laptop.goto(site.url);
  await importInApp(laptop, first);
  // The laptop reads Ada's record and the library before the next import.
  await laptop.getByRole("link", { name: "Clients" }).click();
  await laptop.locator(".client-row", { hasText: "Ada Lovelace" }).click();
  await expect(laptop.locator(".intake-status")).toContainText("No intake on file");
  await openLibrary(laptop);
  await expect(laptop.locator(".library-entry")).toHaveCount(20);

  // Meanwhile the tablet takes Ada's intake and adds a library item.
  await tablet.getByRole("link", { name: "Clients" }).click();
  await tablet.locator(".client-row", { hasText: "Ada Lovelace" }).click();
  await createIntake(tablet, { consentName: "Ada Lovelace" });
  await openLibrary(tablet);
  await tablet.getByRole("button", { name: "Add your own item" }).click();
  await tablet.getByLabel("Title").fill("Evening walk");
  await tablet.getByLabel("Kind").selectOption({ label: "Other" });
  await tablet.locator("#library-item-times").selectOption("5");
  await tablet.locator("#library-item-per").selectOption("week");
  await tablet.getByLabel("How to do it").fill("Walk at an easy pace after dinner.");
  await tablet.getByRole("button", { name: "Save item" }).click();
  await expect(tablet.locator(".library-entry", { hasText: "Evening walk" })).toBeVisible();
  const second = await exportFile(tablet);

  await importInApp(laptop, second);
  await laptop.getByRole("link", { name: "Clients" }).click();
  await laptop.locator(".client-row", { hasText: "Ada Lovelace" }).click();
  await expect(laptop.locator(".intake-status")).toContainText("is current");
  await openLibrary(laptop);
  await expect(laptop.locator(".library-entry")).toHaveCount(21);
  await expect(laptop.locator(".library-entry", { hasText: "Evening walk" })).toBeVisible();
});
