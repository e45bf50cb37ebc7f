// Two devices are two browser contexts with their own storage: each exports
// an encrypted file and imports the other's, by the same buttons a therapist
// uses. A concurrent edit of the same notes must survive as a kept conflict;
// a discarded draft and a removed rule must stay gone; a file of changes for
// a device holds only what changed.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import {
  test,
  expect,
  createClient,
  editNotes,
  recordBackPain,
  scrollsSideways,
  smallTargets,
  TABLET_SIZES,
  PREVIEW_TIMEOUT,
} from "../fixtures.mjs";

const SCREENSHOTS = new URL("../../../target/screenshots/", import.meta.url).pathname;

const PASSPHRASE = "quiet harbour lantern seven";

async function exportFile(page, passphrase = PASSPHRASE) {
  await page.goto(`${new URL(page.url()).origin}/sync`);
  await page.locator("#export-passphrase").fill(passphrase);
  await page.locator("#export-repeat").fill(passphrase);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export encrypted file" }).click(),
  ]);
  await expect(page.getByText(/Saved stillpoint-\d{4}-\d{2}-\d{2}\.age: \d+ record\(s\), encrypted\./)).toBeVisible();
  await page.getByRole("button", { name: "I have the file" }).click();
  await expect(page.getByText("Noted as your latest backup.")).toBeVisible();
  const path = join(tmpdir(), `stillpoint-${Date.now()}-${Math.random().toString(16).slice(2)}.age`);
  await download.saveAs(path);
  return path;
}

/** Picks the file and gives its passphrase; the caller checks the outcome. */
async function openFile(page, path, passphrase = PASSPHRASE) {
  await page.goto(`${new URL(page.url()).origin}/sync`);
  await page.getByLabel("Choose a file…").setInputFiles(path);
  // The file itself goes to the sync worker unread; the page names it.
  await expect(page.getByText(`File: ${basename(path)}`)).toBeVisible();
  await page.locator("#import-passphrase").fill(passphrase);
  await page.getByRole("button", { name: "Open file" }).click();
}

async function importFile(page, path, passphrase = PASSPHRASE) {
  await openFile(page, path, passphrase);
  await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });
}

test("two devices exchange encrypted files in both directions, agree, and keep a conflict", async ({ browser, site }) => {
  // Four encrypted exports and imports: scrypt costs about a second each, by design.
  test.setTimeout(180_000);
  const tablet = await (await browser.newContext()).newPage();
  const laptop = await (await browser.newContext()).newPage();
  await tablet.goto(site.url);
  await createClient(tablet, { fullName: "Ada Lovelace" });
  const adaId = tablet.url().split("/").pop();
  await recordBackPain(tablet, site, adaId, "2026-09-01", 7);
  await recordBackPain(tablet, site, adaId, "2026-09-08", 4);
  await tablet.goto(`${site.url}/clients`);
  await createClient(tablet, { fullName: "Grace Hopper" });

  const first = await exportFile(tablet);
  const sealed = await readFile(first);
  expect(sealed.subarray(0, 21).toString()).toBe("age-encryption.org/v1");
  expect(sealed.includes(Buffer.from("Ada Lovelace"))).toBe(false);

  await laptop.goto(site.url);
  await importFile(laptop, first);
  // Two clients, two scores, and the tablet's name (its platform's default).
  await expect(laptop.locator(".preview")).toContainText("5 new record(s)");
  await expect(laptop.locator(".preview")).toContainText("device names: 1 new, 0 updated");
  await laptop.getByRole("button", { name: "Import" }).click();
  await expect(laptop.getByRole("status").filter({ hasText: "Imported: 5 new, 0 updated." })).toBeVisible();
  await laptop.goto(`${site.url}/clients`);
  await expect(laptop.locator(".client-row")).toHaveCount(2);
  // The measures came along: the laptop charts Ada's back pain from the tablet's scores.
  await laptop.goto(`${site.url}/clients/${adaId}/progress`);
  const card = laptop.locator(".chart-card", { hasText: "Pain rating (NPRS): back" });
  await expect(card.locator(".chart-dot")).toHaveCount(2);
  await expect(card.locator(".chart-summary")).toHaveText("Your back pain went from 7 to 4: a meaningful improvement.");

  // Importing the same file again changes nothing.
  await openFile(laptop, first);
  await expect(laptop.getByText("This file holds nothing new for this device")).toBeVisible();

  // Both edit the same notes while apart; the laptop also adds a client.
  await editNotes(tablet, "Ada Lovelace", "Tablet: prefers a warm room.");
  await editNotes(laptop, "Ada Lovelace", "Laptop: left shoulder tender.");
  await createClient(laptop, { fullName: "Katherine Johnson" });

  const fromLaptop = await exportFile(laptop);
  await importFile(tablet, fromLaptop);
  await expect(tablet.locator(".preview")).toContainText("1 field(s) edited on both devices");
  await tablet.getByRole("button", { name: "Import" }).click();
  await expect(tablet.getByRole("status").filter({ hasText: "Imported:" })).toBeVisible();

  const fromTablet = await exportFile(tablet);
  await importFile(laptop, fromTablet);
  await laptop.getByRole("button", { name: "Import" }).click();
  await expect(laptop.getByRole("status").filter({ hasText: "Imported:" })).toBeVisible();

  for (const page of [tablet, laptop]) {
    await page.goto(`${site.url}/clients`);
    await expect(page.locator(".client-row")).toHaveText([/Ada Lovelace/, /Grace Hopper/, /Katherine Johnson/]);
    await page.locator(".client-row", { hasText: "Ada Lovelace" }).click();
    const conflict = page.locator(".conflicts");
    await expect(conflict).toContainText("Edited on two devices");
    await expect(conflict).toContainText("Tablet: prefers a warm room.");
    await expect(conflict).toContainText("Laptop: left shoulder tender.");
    // Each version names the device it came from, by the device's name.
    await expect(conflict.locator(".conflict-version .muted")).toHaveText(["From Linux computer", "From Linux computer"]);
  }

  // Choosing a version settles it on this device.
  await tablet.locator(".conflict-version", { hasText: "Laptop: left shoulder tender." })
    .getByRole("button", { name: "Keep this version" }).click();
  await expect(tablet.locator(".conflicts")).toHaveCount(0);
  await expect(tablet.locator(".notes")).toContainText("Laptop: left shoulder tender.");
  await tablet.reload();
  await expect(tablet.locator(".conflicts")).toHaveCount(0);
});

test("bad files and wrong passphrases are refused and change nothing", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Only Client" });
  const sealed = await exportFile(page);

  await openFile(page, sealed, "not the passphrase");
  await expect(page.getByRole("alert")).toContainText(/passphrase/i);

  const bytes = await readFile(sealed);
  bytes[bytes.length - 20] ^= 0x01;
  const tampered = join(tmpdir(), `tampered-${Date.now()}.age`);
  await writeFile(tampered, bytes);
  await openFile(page, tampered);
  await expect(page.getByRole("alert")).toContainText(/damaged|changed|tampered|corrupt/i);

  const notJson = join(tmpdir(), `garbage-${Date.now()}.json`);
  await writeFile(notJson, "this is not a Stillpoint file");
  await page.getByLabel("Choose a file…").setInputFiles(notJson);
  await expect(page.getByRole("alert")).toContainText(/not a Stillpoint|not JSON|could not be read/i);

  const future = join(tmpdir(), `future-${Date.now()}.json`);
  await writeFile(future, JSON.stringify({ format: "stillpoint-export", schema_version: 99 }));
  await page.getByLabel("Choose a file…").setInputFiles(future);
  await expect(page.getByRole("alert")).toContainText(/update/i);

  await page.goto(`${site.url}/clients`);
  await expect(page.locator(".client-row")).toHaveText([/Only Client/]);
});

test("an unencrypted export needs an explicit choice and says so", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Plain Pat" });
  await page.goto(`${site.url}/sync`);
  await expect(page.getByText(/Time to back up/)).toBeVisible();
  await page.getByRole("button", { name: "Export without encryption…" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Anyone who gets this file can read");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export unencrypted file" }).click(),
  ]);
  const text = await readFile(await download.path(), "utf8");
  expect(JSON.parse(text).format).toBe("stillpoint-export");
  expect(text).toContain("Plain Pat");
  await expect(page.getByText(/NOT encrypted/)).toBeVisible();
  // A download cannot tell whether the file was kept: nothing is logged
  // until the therapist says so.
  await expect(page.getByText(/Time to back up/)).toBeVisible();
  await page.getByRole("button", { name: "I have the file" }).click();
  await expect(page.getByText(/Time to back up/)).toHaveCount(0);
  await expect(page.getByText("Last backup: today (not encrypted).")).toBeVisible();
});

/** Exports an unencrypted file, of `scope` (a radio's name) if given. */
async function exportPlain(page, scope) {
  await page.goto(`${new URL(page.url()).origin}/sync`);
  if (scope) {
    await page.getByRole("radio", { name: scope }).click();
    await expect(page.getByRole("radio", { name: scope })).toHaveAttribute("aria-checked", "true");
  }
  await page.getByRole("button", { name: "Export without encryption…" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export unencrypted file" }).click(),
  ]);
  await expect(page.getByText(/NOT encrypted/)).toBeVisible();
  await page.getByRole("button", { name: "I have the file" }).click();
  await expect(page.getByText("Noted as your latest backup.")).toBeVisible();
  const path = join(tmpdir(), `stillpoint-${Date.now()}-${Math.random().toString(16).slice(2)}.json`);
  await download.saveAs(path);
  return { path, json: JSON.parse(await readFile(path, "utf8")), name: download.suggestedFilename() };
}

/** Imports an unencrypted file, checking the preview shows `expected` first. */
async function importPlain(page, path, expected = []) {
  await page.goto(`${new URL(page.url()).origin}/sync`);
  await page.getByLabel("Choose a file…").setInputFiles(path);
  await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible({ timeout: PREVIEW_TIMEOUT });
  for (const line of expected) {
    await expect(page.locator(".preview li", { hasText: line })).toHaveCount(1);
  }
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" })).toBeVisible();
}

/** Names the device in Settings, as its therapist would, and checks it stays. */
async function nameDevice(page, name) {
  await page.goto(`${new URL(page.url()).origin}/settings`);
  const field = page.getByLabel("This device's name");
  await expect(field).toHaveValue("Linux computer");
  await field.fill(name);
  await field.blur();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("This device's name")).toHaveValue(name);
}

/** Imports a file that brings nothing new (its device is still noted). */
async function importNothingNew(page, path) {
  await page.goto(`${new URL(page.url()).origin}/sync`);
  await page.getByLabel("Choose a file…").setInputFiles(path);
  await expect(page.getByText(/holds nothing new for this device/)).toBeVisible();
}

test("a discarded draft and a removed rule stay gone, even after importing an older file", async ({ browser, site }) => {
  test.setTimeout(120_000);
  const tablet = await (await browser.newContext()).newPage();
  const laptop = await (await browser.newContext()).newPage();
  await tablet.goto(`${site.url}/settings`);
  await tablet.getByRole("button", { name: "Add rule" }).click();
  await tablet.getByLabel("What the alert says").fill("Migraine: no cranial work today");
  await tablet.getByRole("button", { name: "Do not treat", exact: true }).click();
  await tablet.getByRole("button", { name: "CST", exact: true }).click();
  await tablet.getByLabel("…or mentions this word or phrase").fill("migraine");
  await tablet.getByRole("button", { name: "Add rule" }).click();
  await expect(tablet.locator(".rule-editor .alert")).toContainText("Migraine: no cranial work today");
  await tablet.getByRole("link", { name: "Clients" }).click();
  await createClient(tablet, { fullName: "Mia Wong" });
  const miaId = tablet.url().split("/").pop();
  await tablet.getByRole("button", { name: "Start session" }).click();
  await tablet.getByRole("button", { name: "Nothing changed" }).click();
  await expect(tablet.getByRole("button", { name: "Discard…" })).toBeVisible();
  await expect(tablet.locator(".save-state")).toHaveText("All changes saved on this device.");

  const before = await exportPlain(tablet);
  expect(before.json.counts.custom_rules).toBe(1);
  expect(before.json.counts.session_drafts).toBe(1);
  await laptop.goto(site.url);
  await importPlain(laptop, before.path, ["custom rules: 1 new, 0 updated", "session drafts: 1 new, 0 updated"]);
  await laptop.goto(`${site.url}/clients/${miaId}`);
  await expect(laptop.getByText("1 draft not signed")).toBeVisible();
  await laptop.goto(`${site.url}/settings`);
  await expect(laptop.locator(".rule-editor .alert")).toContainText("Migraine: no cranial work today");

  await tablet.goto(`${site.url}/settings`);
  await tablet.getByRole("button", { name: "Remove “Migraine: no cranial work today”" }).click();
  await expect(tablet.getByText("None yet: only the built-in list is used.")).toBeVisible();
  await tablet.goto(`${site.url}/clients/${miaId}`);
  await tablet.locator(".session-row.is-draft").click();
  await tablet.getByRole("button", { name: "Discard…" }).click();
  await tablet.getByRole("button", { name: "Discard draft" }).click();
  await expect(tablet.getByText("The draft was discarded.")).toBeVisible();

  const after = await exportPlain(tablet);
  expect(after.json.counts.custom_rules, "the removal travels as a tombstone").toBe(1);
  await importPlain(laptop, after.path, ["custom rules: 0 new, 1 updated", "session drafts: 0 new, 1 updated"]);
  await importNothingNew(laptop, before.path);
  for (const page of [tablet, laptop]) {
    await page.goto(`${site.url}/settings`);
    await expect(page.getByText("None yet: only the built-in list is used.")).toBeVisible();
    await page.goto(`${site.url}/clients/${miaId}`);
    await expect(page.getByText("Mia Wong").first()).toBeVisible();
    await expect(page.getByText(/draft not signed/)).toHaveCount(0);
    await expect(page.locator(".session-row.is-draft")).toHaveCount(0);
  }
});

test("after a full exchange, a file of changes for the other device holds only what changed", async ({ browser, site }) => {
  test.setTimeout(120_000);
  const tablet = await (await browser.newContext()).newPage();
  const laptop = await (await browser.newContext()).newPage();
  await tablet.goto(site.url);
  await nameDevice(tablet, "Treatment room iPad");
  await tablet.goto(`${site.url}/clients`);
  await createClient(tablet, { fullName: "Ada Lovelace" });
  await tablet.goto(`${site.url}/clients`);
  await createClient(tablet, { fullName: "Grace Hopper" });
  await tablet.goto(`${site.url}/sync`);
  await expect(tablet.getByRole("radio"), "no device known yet: everything it is").toHaveCount(0);

  const full = await exportPlain(tablet);
  expect(full.json.since).toBeNull();
  await laptop.goto(site.url);
  await importPlain(laptop, full.path, ["3 new record(s)", "device names: 1 new, 0 updated"]);
  await nameDevice(laptop, "Reception laptop");
  // The laptop sends everything back: only its own name is new to the
  // tablet, which also learns what the laptop holds.
  const back = await exportPlain(laptop);
  await importPlain(tablet, back.path, ["1 new record(s)", "device names: 1 new, 0 updated"]);
  // Importing the same file again brings nothing new, known from the log.
  await importNothingNew(tablet, back.path);
  await expect(tablet.getByText(/^This file was imported on .*: it holds nothing new/)).toBeVisible();

  await editNotes(tablet, "Ada Lovelace", "Prefers a warm room.");
  await tablet.goto(`${site.url}/sync`);
  await expect(tablet.getByRole("radio", { name: /^Everything/ })).toHaveAttribute("aria-checked", "true");
  const changes = await exportPlain(tablet, /^Changes for Reception laptop/);
  expect(changes.name).toMatch(/^stillpoint-\d{4}-\d{2}-\d{2}-for-[0-9a-f]{8}\.json$/);
  expect(changes.json.since).not.toBeNull();
  const counts = Object.values(changes.json.counts).reduce((sum, count) => sum + count, 0);
  expect(changes.json.counts.clients).toBe(1);
  expect(counts, "only Ada's edit").toBe(1);
  await expect(tablet.locator(".device-list li")).toHaveText(["Reception laptop: last received today; last export for it today."]);

  await importPlain(laptop, changes.path, ["0 new record(s)", "1 updated record(s)", "clients: 0 new, 1 updated"]);
  await laptop.goto(`${site.url}/clients`);
  await laptop.locator(".client-row", { hasText: "Ada Lovelace" }).click();
  await expect(laptop.locator(".notes")).toContainText("Prefers a warm room.");
  await expect(laptop.locator(".client-row")).toHaveText([/Ada Lovelace/, /Grace Hopper/]);
  await laptop.goto(`${site.url}/sync`);
  await expect(laptop.locator(".device-list li")).toHaveText([/^Treatment room iPad: last received today;/]);

  // The page with a known device, at both tablet sizes.
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const size of TABLET_SIZES) {
    await tablet.setViewportSize(size);
    await tablet.goto(`${site.url}/sync`);
    await expect(tablet.getByRole("radio", { name: /^Changes for Reception laptop/ })).toBeVisible();
    await tablet.screenshot({ path: `${SCREENSHOTS}sync-devices-${size.name}.png`, fullPage: true });
    expect(await scrollsSideways(tablet), size.name).toBe(false);
    expect(await smallTargets(tablet), size.name).toEqual([]);
  }
});

test("a device's name is refused when blank or too long, and the old name stays", async ({ page, site }) => {
  await page.goto(`${site.url}/settings`);
  const field = page.getByLabel("This device's name");
  await expect(field).toHaveValue("Linux computer");
  await field.fill("   ");
  await field.blur();
  await expect(page.locator(".field.invalid")).toContainText("Give this device a name");
  await field.fill("x".repeat(61));
  await field.blur();
  await expect(page.locator(".field.invalid")).toContainText("60 characters or fewer");
  await page.reload();
  await expect(page.getByLabel("This device's name")).toHaveValue("Linux computer");
});

test("a file imported before is answered from the sync log; a forged copy of its header changes nothing", async ({ browser, site }) => {
  test.setTimeout(120_000);
  const tablet = await (await browser.newContext()).newPage();
  const laptop = await (await browser.newContext()).newPage();
  await tablet.goto(`${site.url}/clients`);
  await createClient(tablet, { fullName: "Ada Lovelace" });
  const full = await exportPlain(tablet);
  await laptop.goto(site.url);
  await importPlain(laptop, full.path, ["clients: 1 new, 0 updated"]);

  await importNothingNew(laptop, full.path);
  await expect(laptop.getByText(/^This file was imported on .*: it holds nothing new for this device\. Nothing was changed\.$/)).toBeVisible();

  // The same records written differently (pretty-printed) are read in
  // full: still nothing new.
  const pretty = join(tmpdir(), `stillpoint-pretty-${Date.now()}.json`);
  await writeFile(pretty, JSON.stringify(full.json, null, 2));
  await importNothingNew(laptop, pretty);
  await expect(laptop.getByText("This file holds nothing new for this device (perhaps it was imported before). Nothing was changed.")).toBeVisible();

  // A file that keeps the imported file's checksum but carries other
  // records is never read: "nothing new", and nothing changes.
  const forged = join(tmpdir(), `stillpoint-forged-${Date.now()}.json`);
  const text = await readFile(full.path, "utf8");
  await writeFile(forged, text.replace("Ada Lovelace", "Eve Intruder"));
  await importNothingNew(laptop, forged);
  await laptop.goto(`${site.url}/clients`);
  await expect(laptop.locator(".client-row")).toHaveText([/Ada Lovelace/]);

  // A file with a checksum never imported goes the full way, checks and
  // all: the tampered records are refused.
  const tampered = join(tmpdir(), `stillpoint-tampered-${Date.now()}.json`);
  await writeFile(tampered, text.replace("Ada Lovelace", "Eve Intruder").replace(/sha256:[0-9a-f]{8}/, "sha256:00000000"));
  await laptop.goto(`${site.url}/sync`);
  await laptop.getByLabel("Choose a file…").setInputFiles(tampered);
  await expect(laptop.getByRole("alert")).toContainText("do not match its checksum");
  await laptop.goto(`${site.url}/clients`);
  await expect(laptop.locator(".client-row")).toHaveText([/Ada Lovelace/]);
});
