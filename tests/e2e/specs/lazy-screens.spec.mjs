// The screens a therapist does not open in a day of sessions are not part of the tablet's first load: each is a chunk
// of its own (crates/tablet/src/lazy_screens.rs, cut by xtask/src/tablet_wasm.rs), fetched the
// first time the screen opens, and precached so it opens offline too.
import { test, expect, createClient, createIntake, waitForOfflineReady } from "../fixtures.mjs";

const OUT = new URL("../../../target/screenshots/", import.meta.url).pathname;
const chunk = /\/app-[0-9a-f]{16}\/(split_[a-z_]+)\.wasm$/;

/** The chunks the page itself has asked for so far, by name. */
function watchChunks(page) {
  const fetched = [];
  page.on("request", (request) => {
    const match = chunk.exec(new URL(request.url()).pathname);
    if (match) fetched.push(match[1]);
  });
  return fetched;
}

test("screens loaded on first use are fetched then, not at start, and open offline after a reload", async ({ page, context, site }) => {
  const fetched = watchChunks(page);
  await page.goto(site.url);
  await createClient(page, { fullName: "Rare Rosa" });
  const record = new URL(page.url()).pathname;
  const sections = page.getByRole("navigation", { name: "Sections" });
  await sections.getByRole("link", { name: "Today" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  expect(fetched, "the start and the daily screens need no chunk").toEqual([]);

  // Opened inside the app: only that screen's chunk arrives, once.
  await sections.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  expect(fetched).toEqual(["split_settings"]);
  await page.getByRole("link", { name: "Practice outcomes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Practice outcomes" })).toBeVisible();
  await page.getByRole("link", { name: "Add an instrument" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add your own instrument" })).toBeVisible();
  await sections.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  expect(fetched).toEqual(["split_settings", "split_practice_outcomes", "split_new_instrument"]);

  // A client's intake: the form, then the intake as signed.
  await page.goto(`${site.url}${record}`);
  await createIntake(page, { consentName: "Rare Rosa" });
  await page.getByRole("link", { name: /^Intake of .* consent by Rare Rosa$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Intake of .*: Rare Rosa$/ })).toBeVisible();
  const intake = new URL(page.url()).pathname;
  expect(fetched.slice(3)).toEqual(["split_new_intake", "split_intake"]);

  await waitForOfflineReady(page);
  await context.setOffline(true);
  await site.close();

  const screens = [
    ["/outcomes", "Practice outcomes"],
    ["/instruments/new", "Add your own instrument"],
    ["/self-care/library", "Self-care library"],
    ["/settings/screening-rules", "Screening rules"],
    ["/settings", "Settings"],
    ["/sync", "Sync & backup"],
    [`${record}/diary`, "Rare Rosa: self-care diary"],
    [`${record}/plan`, "Rare Rosa: treatment plan"],
    [`${record}/progress`, "Rare Rosa: progress"],
    [`${record}/self-care`, "Rare Rosa: self-care plan"],
    [`${record}/intake`, "New intake: Rare Rosa"],
    [intake, /^Intake of .*: Rare Rosa$/],
    [`${record}/print`, "Client record: Rare Rosa"],
  ];
  for (const [path, heading] of screens) {
    await page.goto(`${site.url}${path}`);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Client record: Rare Rosa" })).toBeVisible();
  expect(new Set(fetched)).toEqual(
    new Set([
      "split_settings",
      "split_practice_outcomes",
      "split_new_instrument",
      "split_care_library",
      "split_screening_rules",
      "split_sync",
      "split_client_diary",
      "split_treatment_plan",
      "split_progress",
      "split_care_plan",
      "split_new_intake",
      "split_intake",
      "split_print_record",
    ]),
  );
});

test.describe("without the service worker", () => {
  test.use({ serviceWorkers: "block" });

  test("a screen whose part cannot be fetched says so in plain words, and the app goes on", async ({ page, site }) => {
    await page.route(chunk, (route) => route.abort("internetdisconnected"));
    await page.goto(site.url);
    const sections = page.getByRole("navigation", { name: "Sections" });
    await sections.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("alert")).toContainText("This screen could not be opened");
    await expect(page.getByRole("heading", { name: "Settings" })).toHaveCount(0);
    await page.screenshot({ path: `${OUT}lazy-screen-failed-landscape.png` });

    await sections.getByRole("link", { name: "Clients" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();

    // Back online, Reload brings the screen.
    await sections.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("alert")).toContainText("This screen could not be opened");
    await page.unroute(chunk);
    await page.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  });
});
