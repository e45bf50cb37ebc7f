// Passphrases as strong as the data (issue 11 §4) and a device whose clock
// was set ahead (§3): weak passphrases are refused with the reason, a
// suggested one is offered to show and copy, and a file from a tablet whose
// date ran ahead is explained and can still be imported.
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, createClient, PREVIEW_TIMEOUT } from "../fixtures.mjs";

test("a weak passphrase is refused with the reason; a suggested one is shown, copied and used", async ({ page, context, site }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(site.url);
  await createClient(page, { fullName: "Hana Berg" });
  await page.goto(`${site.url}/sync`);
  let downloads = 0;
  page.on("download", () => downloads++);
  for (const [weak, reason] of [
    ["1", "at least 12 characters"],
    ["1234", "at least 12 characters"],
    ["password", "at least 12 characters"],
    ["aaaaaaaaaaaa", "repeats"],
    ["password1234", "passwords people use most"],
  ]) {
    await page.locator("#export-passphrase").fill(weak);
    await page.locator("#export-repeat").fill(weak);
    await page.getByRole("button", { name: "Export encrypted file" }).click();
    await expect(page.locator("#export-passphrase-message")).toContainText(reason);
  }
  expect(downloads, "nothing was exported").toBe(0);

  await page.getByRole("button", { name: "Suggest a passphrase" }).click();
  const words = (await page.locator(".suggested-words").innerText()).trim();
  expect(words.split("-")).toHaveLength(10);
  await expect(page.locator("#export-passphrase")).toHaveValue(words);
  await expect(page.locator("#export-repeat")).toHaveValue(words);
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(words);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export encrypted file" }).click(),
  ]);
  const path = join(tmpdir(), `suggested-${Date.now()}.age`);
  await download.saveAs(path);

  // The suggestion opens the file, and the preview says it was encrypted.
  const other = await (await page.context().browser().newContext()).newPage();
  await other.goto(`${site.url}/sync`);
  await other.getByLabel("Choose a file…").setInputFiles(path);
  await other.locator("#import-passphrase").fill(words);
  await other.getByRole("button", { name: "Open file" }).click();
  await expect(other.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });
  await expect(other.locator(".preview")).toContainText("The file was encrypted.");
});

test("a file from a tablet whose date ran ten days ahead is explained and can be imported anyway", async ({ browser, site }) => {
  const ahead = await (await browser.newContext()).newPage();
  await ahead.clock.install({ time: Date.now() + 10 * 24 * 3600 * 1000 });
  await ahead.goto(site.url);
  await createClient(ahead, { fullName: "Ari Future" });
  await ahead.goto(`${site.url}/sync`);
  await ahead.getByRole("button", { name: "Export without encryption…" }).click();
  const [download] = await Promise.all([
    ahead.waitForEvent("download"),
    ahead.getByRole("button", { name: "Export unencrypted file" }).click(),
  ]);
  const path = join(tmpdir(), `ahead-${Date.now()}.json`);
  await download.saveAs(path);
  expect(JSON.parse(await readFile(path, "utf8")).counts.clients).toBe(1);

  const today = await (await browser.newContext()).newPage();
  await today.goto(`${site.url}/sync`);
  await today.getByLabel("Choose a file…").setInputFiles(path);
  await expect(today.getByRole("alert")).toContainText(/clock is 1[01] days ahead/);
  await today.getByRole("button", { name: "Import anyway" }).click();
  await expect(today.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });
  await expect(today.locator(".preview")).toContainText(/clock was 1[01] day\(s\) ahead/);
  await today.getByRole("button", { name: "Import" }).click();
  await expect(today.getByRole("status").filter({ hasText: "Imported:" })).toBeVisible();
  await today.goto(`${site.url}/clients`);
  await expect(today.locator(".client-row", { hasText: "Ari Future" })).toHaveCount(1);
});
