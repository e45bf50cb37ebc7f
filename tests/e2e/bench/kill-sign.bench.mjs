// Kill mid-signing (issue 11 §7): the browser process is killed with SIGKILL
// at a random moment after "Sign note", then started again on the same
// profile. Signing is one transaction (the signed note in, its draft out),
// so each note must be signed or still a draft — never both, never lost.
// `cargo xtask reliability` runs it with kill.bench.mjs.
import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { test, expect, createClient, createIntake, setNames } from "../fixtures.mjs";
import base from "../playwright.config.mjs";
import { storedRecords } from "../stored.mjs";

const ROUNDS = Number(process.env.STILLPOINT_KILL_ROUNDS ?? 50);
const OUT = process.env.STILLPOINT_BENCH_OUT_SIGN;

async function launch(profile) {
  const context = await chromium.launchPersistentContext(profile, {
    ...base.use.launchOptions,
    viewport: base.use.viewport,
  });
  return [context, context.pages()[0] ?? (await context.newPage())];
}

/** Whether session `id` is held signed, and whether as an open draft. */
async function held(page, id) {
  const { ids } = await storedRecords(page);
  const draft = await page.evaluate((id) => new Promise((done, fail) => {
    const request = indexedDB.open("stillpoint");
    request.onupgradeneeded = () => request.transaction.abort();
    request.onerror = () => fail(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const read = db.transaction("session_drafts").objectStore("session_drafts").get(id);
      read.onsuccess = () => { db.close(); done(read.result !== undefined && !read.result.discarded); };
    };
  }), id);
  return { signed: (ids.sessions ?? []).includes(id), draft };
}

test("a signing killed at a random moment leaves the note signed or still a draft, never both or neither", async ({ site }) => {
  const profile = await mkdtemp(join(tmpdir(), "stillpoint-kill-sign-"));
  let [context, page] = await launch(profile);
  await setNames(page, site, { yourName: "Ada Byron" });
  await createClient(page, { fullName: "Kai Moreno" });
  await createIntake(page, { consentName: "Kai Moreno" });
  const client = page.url().split("/").pop();
  await context.close();
  const results = [];
  for (let round = 0; round < ROUNDS; round++) {
    [context, page] = await launch(profile);
    await page.goto(`${site.url}/clients/${client}`);
    await expect(page.getByRole("heading", { level: 1, name: "Kai Moreno" })).toBeVisible();
    // "Start session" before the first signed note, "Blank session" after.
    const start = page.getByRole("button", { name: /^(Start session|Blank session)$/ }).first();
    await start.click();
    await page.getByRole("button", { name: "Nothing changed" }).click();
    await page.getByLabel("Duration (minutes)").fill("30");
    await page.getByRole("button", { name: "Swedish", exact: true }).click();
    await page.locator("#session-massage-areas").selectOption({ label: "Left upper back and shoulder blade" });
    await page.getByLabel("Subjective: the client's words").fill(`Round ${round}.`);
    await page.getByLabel("Objective: what you observed").fill("Calm.");
    await page.getByLabel("Assessment: response and change").fill("Relaxed.");
    await page.getByLabel("Plan: next focus, home care, referrals").fill("Same again.");
    await expect(page.locator(".save-state")).toHaveText("All changes saved on this device.");
    const session = page.url().split("/").pop();
    const delay = Math.floor(Math.random() * 120);
    await page.getByRole("button", { name: "Sign note" }).click();
    await page.waitForTimeout(delay);
    execFileSync("pkill", ["-9", "-f", profile]);
    await context.close().catch(() => {});
    [context, page] = await launch(profile);
    await page.goto(`${site.url}/clients/${client}`);
    await expect(page.getByRole("heading", { level: 1, name: "Kai Moreno" })).toBeVisible();
    const found = await held(page, session);
    await context.close();
    results.push({ round, delay, session, ...found, whole: found.signed !== found.draft });
  }
  const partial = results.filter((result) => !result.whole).length;
  const summary = {
    rounds: results.length,
    signed: results.filter((result) => result.signed).length,
    still_draft: results.filter((result) => result.draft).length,
    partial,
  };
  console.log(`kill mid-signing: ${JSON.stringify(summary)}`);
  if (OUT) await writeFile(OUT, JSON.stringify({ summary, results }, null, 2));
  expect(partial, "notes found both signed and draft, or neither, after a kill").toBe(0);
});
