// The client diary round trip (issue 6): a client's phone opens the plan
// file in client mode, logs days offline and exports the diary; the
// therapist imports it on the client's diary page. Bad files are refused
// with their own message and change nothing.
//
// Client mode is its own app at /phone/ (crates/phone): its own page, wasm
// and service worker, so a phone never downloads the tablet's files.
//
// The plan file is tests/e2e/fixtures/care-plan.json, written by core
// (crates/core/tests/care_fixtures.rs checks it is current). The composer
// is built elsewhere, so the therapist's copy of the plan is written into
// IndexedDB here, with the id of the client the test creates.
import { readFile } from "node:fs/promises";
import { test, expect, createClient, waitForOfflineReady, scrollsSideways, smallTargets } from "../fixtures.mjs";

const FIXTURE = new URL("../fixtures/care-plan.json", import.meta.url);
const FIXTURE_CLIENT = "00000000-0000-4000-8000-0000000000c1";
const PHONE = { width: 390, height: 844 };
const SHOTS = "../../target/screenshots";

/** The fixture plan file for client `id`, as bytes for a file input. */
async function planFileFor(id) {
  const text = (await readFile(FIXTURE, "utf8")).replaceAll(FIXTURE_CLIENT, id);
  return { name: "self-care-plan.json", mimeType: "application/json", buffer: Buffer.from(text) };
}

/** Stores the plan of `file` as the client's self-care plan on the therapist's device. */
async function storePlan(page, file) {
  const plan = JSON.parse(file.buffer.toString()).plan;
  await page.evaluate(
    (plan) =>
      new Promise((done, failed) => {
        const open = indexedDB.open("stillpoint");
        open.onerror = () => failed(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("care_plans", "readwrite");
          tx.objectStore("care_plans").put(plan);
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => failed(tx.error);
        };
      }),
    plan,
  );
}

/** The local calendar day `back` days before today, as YYYY-MM-DD. */
function dayBefore(back) {
  const day = new Date();
  day.setDate(day.getDate() - back);
  const pad = (number) => String(number).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** On the phone: ticks `items` and rates `rating` for the day shown, each
 * saved as made; waits until the day's row in the list shows it stored. */
async function logShownDay(phone, items, rating) {
  for (const item of items) {
    const tick = phone.getByRole("checkbox", { name: new RegExp(item) });
    await tick.click();
    await expect(tick).toHaveAttribute("aria-checked", "true");
  }
  await phone.getByRole("radiogroup", { name: "How were your symptoms?" })
    .getByRole("radio", { name: String(rating), exact: true }).click();
  await expect(phone.locator(".day-row.current")).toContainText(`${items.length} of 3 done · symptoms ${rating}`);
  await expect(phone.locator(".save-state")).toHaveText("Saved on this phone.");
}

/** Picks `file` (a path or a {name, mimeType, buffer}) on the therapist's diary page. */
async function importDiary(page, file) {
  await page.getByLabel("Choose the diary file…").setInputFiles(file);
}

/** What the therapist's device holds of diaries, to prove a refusal changed nothing. */
async function storedDiaries(page) {
  return page.evaluate(
    () =>
      new Promise((done, failed) => {
        const open = indexedDB.open("stillpoint");
        open.onerror = () => failed(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("diaries").objectStore("diaries").getAll();
          all.onsuccess = () => {
            open.result.close();
            // Days are kept as a Map: spelled out so a changed day shows.
            done(JSON.stringify(all.result, (_, value) => (value instanceof Map ? Object.fromEntries(value) : value)));
          };
        };
      }),
  );
}

test("a client's phone logs the plan offline and the therapist imports the diary", async ({ browser, site }) => {
  test.setTimeout(240_000);
  // The therapist's tablet: a client with a self-care plan.
  const tabletContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const tablet = await tabletContext.newPage();
  await tablet.goto(site.url);
  await createClient(tablet, { fullName: "Maya Okafor" });
  const mayaId = tablet.url().split("/").pop();
  const planFile = await planFileFor(mayaId);
  await storePlan(tablet, planFile);

  // The client's phone: a fresh device offers client mode beside the normal
  // start, a link to the phone app.
  const phoneContext = await browser.newContext({ viewport: PHONE, acceptDownloads: true });
  const phone = await phoneContext.newPage();
  await phone.goto(site.url);
  await expect(phone.getByRole("heading", { name: "Clients" })).toBeVisible();
  await phone.getByRole("link", { name: "I'm a client: open my self-care plan" }).click();
  await expect(phone.getByRole("heading", { name: "Open my self-care plan" })).toBeVisible();
  expect(new URL(phone.url()).pathname).toBe("/phone/");
  expect(await scrollsSideways(phone)).toBe(false);
  expect(await smallTargets(phone)).toEqual([]);
  await phone.screenshot({ path: `${SHOTS}/client-mode-start-phone.png` });
  await phone.setViewportSize({ width: 768, height: 1024 });
  await phone.screenshot({ path: `${SHOTS}/client-mode-start-tablet.png` });
  await phone.setViewportSize(PHONE);

  // A practice backup is not a plan: said plainly, and the phone stays as it was.
  await phone.getByLabel("Choose my plan file…").setInputFiles({
    name: "stillpoint-2026-11-27.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ format: "stillpoint-export", schema_version: 2 })),
  });
  await expect(phone.getByRole("alert")).toHaveText(/This is a practice backup or sync file, not a self-care plan or diary\./);
  await phone.reload();
  await expect(phone.getByRole("heading", { name: "Open my self-care plan" })).toBeVisible();

  await phone.getByLabel("Choose my plan file…").setInputFiles(planFile);
  await expect(phone.getByRole("heading", { level: 1, name: "Your self-care plan" })).toBeVisible();
  await expect(phone.locator(".phone-header")).toContainText("For Fixture Client");
  await expect(phone.locator(".phone-item h3")).toHaveText(["Neck side stretch", "Longer out-breath", "Jaw rest position"]);
  // Only the client's screens: no navigation, whatever the address.
  await expect(phone.getByRole("navigation")).toHaveCount(0);
  await waitForOfflineReady(phone);

  // Three days: two days ago, yesterday and today.
  await phone.locator(".day-row").filter({ hasText: /Nothing logged/ }).nth(2).click();
  await expect(phone.locator("#day-title")).not.toHaveText(/Today|Yesterday/);
  await logShownDay(phone, ["Neck side stretch"], 6);
  await phone.getByRole("button", { name: /^Yesterday/ }).click();
  await expect(phone.locator("#day-title")).toHaveText("Yesterday");
  await logShownDay(phone, ["Neck side stretch", "Longer out-breath"], 5);
  await phone.getByRole("button", { name: /^Today/ }).click();
  await logShownDay(phone, ["Neck side stretch", "Longer out-breath", "Jaw rest position"], 3);
  await phone.getByLabel("Note (optional)").fill("Slept better.");
  await phone.getByLabel("Note (optional)").blur();
  await expect(phone.locator(".day-row.current")).toContainText("3 of 3 done · symptoms 3 · note");

  // Offline, reloaded, at a deep address of the phone app: still the plan, days kept.
  await phoneContext.setOffline(true);
  await phone.goto(`${site.url}/phone/anything`);
  await expect(phone.getByRole("heading", { level: 1, name: "Your self-care plan" })).toBeVisible();
  await expect(phone.getByRole("navigation")).toHaveCount(0);
  await expect(phone.getByRole("button", { name: /^Today/ })).toContainText("3 of 3 done · symptoms 3 · note");
  await expect(phone.getByRole("button", { name: /^Yesterday/ })).toContainText("2 of 3 done · symptoms 5");
  await expect(phone.locator(".day-row").filter({ hasText: "1 of 3 done · symptoms 6" })).toHaveCount(1);
  await expect(phone.getByLabel("Note (optional)")).toHaveValue("Slept better.");
  expect(await scrollsSideways(phone)).toBe(false);
  expect(await smallTargets(phone)).toEqual([]);

  await phone.screenshot({ path: `${SHOTS}/client-mode-phone.png` });
  await phone.locator("#plan-title").scrollIntoViewIfNeeded();
  await phone.screenshot({ path: `${SHOTS}/client-mode-phone-plan.png` });
  await phone.setViewportSize({ width: 768, height: 1024 });
  expect(await scrollsSideways(phone)).toBe(false);
  await phone.evaluate(() => window.scrollTo(0, 0));
  await phone.screenshot({ path: `${SHOTS}/client-mode-tablet.png` });
  await phone.setViewportSize(PHONE);

  // Send the diary (a download here: this browser has no share sheet).
  const [download] = await Promise.all([
    phone.waitForEvent("download"),
    phone.getByRole("button", { name: "Save my diary as a file" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`self-care-diary-${dayBefore(0)}.json`);
  const diaryPath = await download.path();
  const diaryText = await readFile(diaryPath, "utf8");
  const diary = JSON.parse(diaryText);
  expect(diary.format).toBe("stillpoint-diary");
  expect(Object.keys(diary.diary.days)).toEqual([dayBefore(2), dayBefore(1), dayBefore(0)]);
  expect(diaryText).not.toContain("Maya");

  // The therapist's diary page, linked from the client's page.
  await tablet.goto(`${site.url}/clients/${mayaId}`);
  // The Sync page sends a diary to "that client's page (Self-care plan)": the Self-care section.
  await tablet.getByRole("region", { name: "Self-care" }).getByRole("link", { name: "Import diary" }).click();
  await expect(tablet.getByRole("heading", { level: 1, name: "Maya Okafor: self-care diary" })).toBeVisible();
  await expect(tablet.locator(".empty-state")).toContainText("No diary yet.");

  // Bad files first: each with its own message, nothing stored.
  await importDiary(tablet, planFile);
  await expect(tablet.getByRole("alert")).toHaveText(/This is the self-care plan, not the client's diary\./);
  await importDiary(tablet, {
    name: "backup.json", mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ format: "stillpoint-export", schema_version: 2 })),
  });
  await expect(tablet.getByRole("alert")).toHaveText(/This is a practice backup or sync file/);
  const stranger = diaryText.replaceAll(mayaId, "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f");
  await importDiary(tablet, { name: "diary.json", mimeType: "application/json", buffer: Buffer.from(stranger) });
  await expect(tablet.getByRole("alert")).toHaveText(/This is a diary for a client who does not exist on this device/);
  const edited = JSON.parse(diaryText);
  edited.diary.days[dayBefore(0)].value.done.push(7);
  await importDiary(tablet, { name: "diary.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(edited)) });
  await expect(tablet.getByRole("alert")).toHaveText(/This diary does not match its self-care plan: it was damaged or edited by hand/);
  expect(await storedDiaries(tablet)).toBe("[]");

  // The real diary: three new days, shown with what was done and the ratings.
  await importDiary(tablet, diaryPath);
  await expect(tablet.getByRole("status").filter({ hasText: "3 new days." })).toBeVisible();
  const rows = tablet.locator(".diary-days tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("Neck side stretch, Longer out-breath, Jaw rest position");
  await expect(rows.nth(0)).toContainText("Slept better.");
  await expect(rows.nth(0).locator(".number")).toHaveText("3");
  await expect(rows.nth(2)).toContainText("Neck side stretch");
  await expect(rows.nth(2).locator(".number")).toHaveText("6");
  const stored = await storedDiaries(tablet);

  // The same file again changes nothing.
  await importDiary(tablet, diaryPath);
  await expect(tablet.getByRole("status").filter({ hasText: "Nothing new: this diary was imported before." })).toBeVisible();
  expect(await storedDiaries(tablet)).toBe(stored);
  expect(await scrollsSideways(tablet)).toBe(false);
  await tablet.screenshot({ path: `${SHOTS}/diary-page-landscape.png` });

  // The client's page shows adherence from the imported days.
  await tablet.goto(`${site.url}/clients/${mayaId}`);
  await expect(tablet.locator(".adherence-week").first()).toContainText(/Week of .*: \d+ of \d+ planned/);

  // A diary dropped on the Sync page points to the page that takes it.
  await tablet.goto(`${site.url}/sync`);
  await tablet.getByLabel("Choose a file…").setInputFiles(diaryPath);
  await expect(tablet.getByRole("alert").filter({ hasText: "Import it on that client's page (Self-care plan)" })).toBeVisible();

  // The phone corrects yesterday; the next import brings one corrected day.
  await phoneContext.setOffline(false);
  await phone.getByRole("button", { name: /^Yesterday/ }).click();
  await phone.getByRole("checkbox", { name: /Jaw rest position/ }).click();
  await expect(phone.locator(".day-row.current")).toContainText("3 of 3 done · symptoms 5");
  const [again] = await Promise.all([
    phone.waitForEvent("download"),
    phone.getByRole("button", { name: "Save my diary as a file" }).click(),
  ]);
  await tablet.goto(`${site.url}/clients/${mayaId}/diary`);
  await importDiary(tablet, await again.path());
  await expect(tablet.getByRole("status").filter({ hasText: "1 day corrected." })).toBeVisible();
  await expect(rows.nth(1)).toContainText("Neck side stretch, Longer out-breath, Jaw rest position");

  // The diary of Maya is refused on another client's page.
  await tablet.goto(`${site.url}/clients`);
  await createClient(tablet, { fullName: "Noor Haddad" });
  await tablet.goto(`${tablet.url()}/diary`);
  await importDiary(tablet, diaryPath);
  await expect(tablet.getByRole("alert")).toHaveText(/This diary belongs to another client\. Import it on that client's page\./);

  // A newer plan replaces the shown one and starts a new diary; the old
  // diary can still be sent. The same plan again changes nothing.
  const newer = { ...planFile, buffer: Buffer.from(planFile.buffer.toString()
    .replace("00000000-0000-4000-8000-0000000000f1", "00000000-0000-4000-8000-0000000000f2")
    .replace('"stamp": "1767600000000:', '"stamp": "1767700000000:')
    .replace("Little and often is best.", "Keep going: the new plan adds nothing yet.")) };
  await phone.getByLabel("Open a new plan file…").setInputFiles(newer);
  await expect(phone.locator(".phone-message")).toHaveText(/Keep going/);
  await expect(phone.getByRole("button", { name: /^Today/ })).toContainText("Nothing logged");
  await expect(phone.locator(".earlier-diary")).toContainText("Diary of your earlier plan (3 days from");
  await expect(phone.getByRole("button", { name: "Save the earlier diary as a file" })).toBeVisible();
  await phone.getByLabel("Open a new plan file…").setInputFiles(newer);
  await expect(phone.getByRole("alert")).toHaveText("This is the plan you already have, so nothing changed.");

  // Giving the phone back: after a confirmation, the plan and diary are gone.
  await phone.getByRole("button", { name: "Leave client mode…" }).click();
  await phone.getByRole("button", { name: "Remove plan and diary" }).click();
  await expect(phone.getByRole("heading", { name: "Clients" })).toBeVisible();
  await expect(phone.getByRole("link", { name: "I'm a client: open my self-care plan" })).toBeVisible();
  await phone.reload();
  await expect(phone.getByRole("heading", { name: "Clients" })).toBeVisible();
  expect(await storedDiaries(phone)).toBe("[]");
});

test("the therapist's start is unchanged and client mode is not offered once the device holds clients", async ({ page, site }) => {
  await page.goto(site.url);
  await expect(page.getByText("No clients yet. Add your first client to start their record.")).toBeVisible();
  await createClient(page, { fullName: "Ada Lovelace" });
  await page.goto(`${site.url}/clients`);
  await expect(page.getByRole("link", { name: "I'm a client: open my self-care plan" })).toHaveCount(0);
  // The tablet's service worker leaves the phone app's address to the phone
  // app. Reloaded once its worker is active, so the page is surely controlled
  // (a page loaded while the worker activated may miss its claim).
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${site.url}/sw.js`);
  await page.goto(`${site.url}/phone/`);
  await expect(page.getByText("This device holds a practice's client records, so it stays the therapist's device.")).toBeVisible();
  await expect(page.getByLabel("Choose my plan file…")).toHaveCount(0);
  await page.getByRole("link", { name: "Back to the practice" }).click();
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
});

test("the phone app loads only its own files, under its own worker, and opens offline", async ({ browser, site }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const requested = [];
  context.on("request", (request) => requested.push(new URL(request.url()).pathname));
  const phone = await context.newPage();
  await phone.goto(`${site.url}/phone/`);
  await expect(phone.getByRole("heading", { level: 1, name: "Open my self-care plan" })).toBeVisible();
  await waitForOfflineReady(phone);
  const worker = await phone.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { scope: registration.scope, script: navigator.serviceWorker.controller.scriptURL };
  });
  expect(worker).toEqual({ scope: `${site.url}/phone/`, script: `${site.url}/phone/sw.js` });
  const manifest = await (await phone.request.get(`${site.url}/phone/manifest.webmanifest`)).json();
  expect([manifest.start_url, manifest.scope]).toEqual(["/phone/", "/phone/"]);
  // Everything it fetched, precache included, is the phone app's: never the tablet's wasm.
  expect(requested.length).toBeGreaterThan(0);
  expect(requested.filter((path) => !path.startsWith("/phone/"))).toEqual([]);
  expect(requested.filter((path) => /stillpoint-(app|worker)/.test(path))).toEqual([]);
  expect(requested.some((path) => /^\/phone\/stillpoint-phone-[0-9a-f]+_bg\.wasm$/.test(path))).toBe(true);

  await context.setOffline(true);
  await phone.reload();
  await expect(phone.getByRole("heading", { level: 1, name: "Open my self-care plan" })).toBeVisible();
  await phone.getByLabel("Choose my plan file…").setInputFiles(await planFileFor("00000000-0000-4000-8000-0000000000c1"));
  await expect(phone.getByRole("heading", { level: 1, name: "Your self-care plan" })).toBeVisible();
  await phone.reload();
  await expect(phone.getByRole("heading", { level: 1, name: "Your self-care plan" })).toBeVisible();
  await context.close();
});

test("a phone that held client mode in the combined app, opening /, lands on the phone app", async ({ browser, site }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const phone = await context.newPage();
  // The same database the combined app wrote: mode = Client, the plan and its diary.
  await phone.goto(`${site.url}/phone/`);
  await phone.getByLabel("Choose my plan file…").setInputFiles(await planFileFor("00000000-0000-4000-8000-0000000000c1"));
  await expect(phone.getByRole("heading", { level: 1, name: "Your self-care plan" })).toBeVisible();
  await logShownDay(phone, ["Neck side stretch"], 4);

  for (const address of ["/", "/clients", "/settings"]) {
    await phone.goto(`${site.url}${address}`);
    await expect(phone.getByRole("heading", { level: 1, name: "Your self-care plan" })).toBeVisible();
    expect(new URL(phone.url()).pathname).toBe("/phone/");
    await expect(phone.getByRole("button", { name: /^Today/ })).toContainText("1 of 3 done · symptoms 4");
  }

  // Leaving client mode removes the plan and diary and goes to the tablet's start.
  await phone.getByRole("button", { name: "Leave client mode…" }).click();
  await phone.getByRole("button", { name: "Remove plan and diary" }).click();
  await expect(phone.getByRole("heading", { name: "Clients" })).toBeVisible();
  expect(new URL(phone.url()).pathname).toBe("/");
  expect(await storedDiaries(phone)).toBe("[]");
  await context.close();
});
