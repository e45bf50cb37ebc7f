// Kill mid-write (issue 11 §7): the whole browser process is killed with
// SIGKILL at a random moment while an import is being written, then started
// again on the same profile; every store must hold either all of the file
// or none of it. `cargo xtask reliability` runs it and prints the tally;
// BENCHMARKS.md ("Reliability") records it.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { test, expect } from "../fixtures.mjs";
import base from "../playwright.config.mjs";
import { storedRecords } from "../stored.mjs";

const ROUNDS = Number(process.env.STILLPOINT_KILL_ROUNDS ?? 50);
const FILE = process.env.STILLPOINT_KILL_FILE;
const OUT = process.env.STILLPOINT_BENCH_OUT;

async function launch(profile) {
  return chromium.launchPersistentContext(profile, {
    ...base.use.launchOptions,
    viewport: base.use.viewport,
    acceptDownloads: false,
  });
}

/** Per object store, how many records the app's database holds. */
async function counts(page) {
  return (await storedRecords(page)).counts;
}

test("an import killed at a random moment lands whole or not at all", async ({ site }) => {
  expect(FILE, "STILLPOINT_KILL_FILE names the export to import").toBeTruthy();
  const expected = JSON.parse(await readFile(FILE, "utf8")).counts;
  const results = [];
  for (let round = 0; round < ROUNDS; round++) {
    const profile = await mkdtemp(join(tmpdir(), "stillpoint-kill-"));
    let context = await launch(profile);
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${site.url}/sync`);
    await expect(page.getByLabel("Choose a file…")).toBeAttached();
    const before = await counts(page);
    await page.getByLabel("Choose a file…").setInputFiles(FILE);
    await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible();
    const delay = Math.floor(Math.random() * 1500);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.waitForTimeout(delay);
    execFileSync("pkill", ["-9", "-f", profile]);
    await context.close().catch(() => {});
    context = await launch(profile);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${site.url}/clients`);
    await expect(page.getByRole("link", { name: "New client" })).toBeVisible();
    const after = await counts(page);
    await context.close();
    const landed = after.clients > before.clients;
    // All or nothing: every kind holds exactly the file's records, or none.
    const kinds = { clients: "clients", intakes: "intakes", sessions: "signed_sessions", measures: "measures", amendments: "amendments", plan_versions: "plan_versions" };
    const whole = Object.entries(kinds).every(([store, kind]) =>
      after[store] === (landed ? expected[kind] ?? 0 : before[store]));
    results.push({ round, delay, landed, whole, after });
  }
  const partial = results.filter((result) => !result.whole).length;
  const summary = {
    rounds: results.length,
    landed: results.filter((result) => result.landed).length,
    not_landed: results.filter((result) => !result.landed).length,
    partial,
  };
  console.log(`kill mid-import: ${JSON.stringify(summary)}`);
  if (OUT) await writeFile(OUT, JSON.stringify({ summary, results }, null, 2));
  expect(partial, "imports found half-written after a kill").toBe(0);
});
