// Every backup restores (issue 11 §1): each golden export file, written by
// the build of its schema (tests/fixtures/exports/README.md), imports into
// today's app in a fresh profile with its records intact.
import { readFile } from "node:fs/promises";
import { test, expect, PREVIEW_TIMEOUT } from "../fixtures.mjs";

const FOLDER = new URL("../../fixtures/exports/", import.meta.url).pathname;

const GOLDEN = [
  { file: "schema-1.json", client: "Zoë García Márquez" },
  { file: "schema-2.json", client: "Aroha Novák" },
  { file: "schema-3-nine-kinds.json", client: "Inès Novák" },
  { file: "schema-3-nine-kinds.age", plain: "schema-3-nine-kinds.json", client: "Inès Novák", passphrase: "amber canoe thistle meadow" },
  { file: "schema-3-twelve-kinds.json", client: "Noor Okafor" },
  { file: "schema-4.json", client: "Mei Nguyen" },
  { file: "schema-5.json", client: "Ngozi Al-Sayed" },
];

for (const golden of GOLDEN) {
  test(`the golden backup ${golden.file} restores with its records intact`, async ({ page, site }) => {
    const plain = JSON.parse(await readFile(FOLDER + (golden.plain ?? golden.file), "utf8"));
    const total = Object.values(plain.counts).reduce((sum, count) => sum + count, 0);
    await page.goto(`${site.url}/sync`);
    await page.getByLabel("Choose a file…").setInputFiles(FOLDER + golden.file);
    if (golden.passphrase) {
      await page.locator("#import-passphrase").fill(golden.passphrase);
      await page.getByRole("button", { name: "Open file" }).click();
    }
    await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });
    // The preview comes into view with its button, not below the fold.
    await expect(page.getByRole("button", { name: "Import", exact: true })).toBeInViewport();
    await expect(page.locator(".preview")).toContainText(golden.passphrase ? "The file was encrypted." : "NOT encrypted");
    await expect(page.locator(".preview li").first()).toHaveText(`${total} new record(s)`);
    for (const [kind, count] of Object.entries(plain.counts).filter(([, count]) => count > 0)) {
      await expect(page.locator(".preview li", { hasText: `${kind.replace(/_/g, " ")}: ${count} new` })).toHaveCount(1);
    }
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Imported:" })).toBeVisible();
    await page.goto(`${site.url}/clients`);
    await expect(page.locator(".client-row", { hasText: golden.client })).toHaveCount(1);
    // Importing it again brings nothing new: an encrypted file is opened
    // and merged again; a plain one is known from the sync log at once,
    // and a reformatted copy of it (no checksum in its first bytes) is
    // merged again in full.
    await page.goto(`${site.url}/sync`);
    await page.getByLabel("Choose a file…").setInputFiles(FOLDER + golden.file);
    if (golden.passphrase) {
      await page.locator("#import-passphrase").fill(golden.passphrase);
      await page.getByRole("button", { name: "Open file" }).click();
      await expect(page.getByText("This file holds nothing new for this device (perhaps it was imported before).")).toBeVisible();
      return;
    }
    await expect(page.getByText(/^This file was imported on .*: it holds nothing new for this device/)).toBeVisible();
    await page.goto(`${site.url}/sync`);
    await page.getByLabel("Choose a file…").setInputFiles({
      name: golden.file,
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(plain, null, 1)),
    });
    await expect(page.getByText("This file holds nothing new for this device (perhaps it was imported before).")).toBeVisible();
  });
}
