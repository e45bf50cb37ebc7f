// Shared fixtures: a private copy of the build per test, and a guard that
// fails the test if any request leaves 127.0.0.1.
import { test as base, expect } from "@playwright/test";
import { serveCopyOfDist } from "./server.mjs";

export const test = base.extend({
  site: async ({}, use) => {
    const site = await serveCopyOfDist();
    await use(site);
    await site.close();
  },
  // Whether the app runs as if added to the Home Screen (`navigator.standalone`,
  // as Safari on iPad says): how therapists use it, so specs see the app
  // without the browser-tab note about the Home Screen unless they ask for
  // the tab with `test.use({ installed: false })`.
  installed: [true, { option: true }],
  context: async ({ context, installed }, use) => {
    if (installed) {
      await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "standalone", { get: () => true, configurable: true }));
    }
    const outside = [];
    const watch = (request) => {
      const url = new URL(request.url());
      if (!["http:", "https:", "ws:", "wss:"].includes(url.protocol)) return;
      if (url.hostname !== "127.0.0.1") outside.push(request.url());
    };
    context.on("request", watch);
    await use(context);
    expect(outside, "requests that left 127.0.0.1").toEqual([]);
  },
});

export { expect };

/** How long a test waits for an import's preview: the preview needs the
 * sync worker, which the app gives 15 s to start before it says it could
 * not (`crates/ui/src/sync_worker.rs`), so a wait shorter than that fails
 * a slow but correct start on a busy machine. */
export const PREVIEW_TIMEOUT = 20_000;

/** Waits until the service worker controls the page (it caches everything first). */
export async function waitForOfflineReady(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener("controllerchange", done, { once: true }));
    }
  });
}

/** Creates a client through the form and waits for their record to show. */
export async function createClient(page, fields) {
  await page.getByRole("link", { name: "New client" }).click();
  await page.getByLabel("Full name").fill(fields.fullName);
  if (fields.preferredName) await page.getByLabel("Preferred name").fill(fields.preferredName);
  if (fields.dateOfBirth) await page.getByLabel("Date of birth").fill(fields.dateOfBirth);
  if (fields.phone) await page.getByLabel("Phone").fill(fields.phone);
  if (fields.email) await page.getByLabel("Email").fill(fields.email);
  if (fields.notes) await page.getByLabel("Notes").fill(fields.notes);
  await page.getByRole("button", { name: "Save client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: fields.preferredName ?? fields.fullName })).toBeVisible();
}

/** Edits the notes of the client listed as `name` through the form, as a
 * therapist would, and waits for the record to show them. */
export async function editNotes(page, name, notes) {
  await page.goto(`${new URL(page.url()).origin}/clients`);
  await page.locator(".client-row", { hasText: name }).click();
  await page.getByRole("link", { name: "Edit details" }).click();
  await page.getByLabel("Notes").fill(notes);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator(".notes")).toContainText(notes);
}

/** Whether the page scrolls sideways (it never should). */
export async function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Records a back-pain score (0–10) on `date` for client `id`, then waits for their progress page. */
export async function recordBackPain(page, site, id, date, score) {
  await page.goto(`${site.url}/clients/${id}/measure/nprs-back`);
  await page.getByLabel("Date").fill(date);
  await page.getByRole("radiogroup", { name: "How bad is your back pain right now?" })
    .getByRole("radio", { name: String(score), exact: true }).click();
  await page.getByRole("button", { name: "Save score" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /progress$/ })).toBeVisible();
}

/** Sets a back-pain plan from 7 to `target` for client `id` (review in 2099) and waits for it to show. */
export async function setBackPainPlan(page, site, id, { description = "", target }) {
  await page.goto(`${site.url}/clients/${id}/plan`);
  await page.getByRole("button", { name: "Set a plan" }).click();
  await page.getByLabel("Benefit and instrument").selectOption("nprs-back");
  await page.getByLabel("Goal in the client's words").fill(description);
  await page.getByLabel("Baseline").fill("7");
  await page.getByLabel("Target").fill(String(target));
  await page.getByLabel("Review date").fill("2099-01-15");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.locator(".plan-current")).toContainText(`from 7 to ${target}`);
}

/** The two tablet sizes every screenshot is taken at. */
export const TABLET_SIZES = [
  { name: "landscape", width: 1024, height: 768 },
  { name: "portrait", width: 768, height: 1024 },
];

/** Visible controls smaller than 48 × 48 px (the skip link excepted). */
export async function smallTargets(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("a, button, input, textarea, select, summary")]
      .filter((element) => element.offsetParent !== null && !element.matches(".skip-link, .visually-hidden"))
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 48 || box.width < 48)
      .map(({ element }) => element.outerHTML.slice(0, 80)),
  );
}

/** Taps a body-chart region where it is visible (regions share edges, so
 * the middle of a region's box may belong to its neighbour). */
export async function tapRegion(page, name, nth = 0) {
  const region = page.locator(`path[data-region="${name}"]`).nth(nth);
  await region.scrollIntoViewIfNeeded();
  const point = await region.evaluate((path) => {
    const box = path.getBoundingClientRect();
    for (let step = 1; step < 12; step++) {
      for (let across = 1; across < 12; across++) {
        const x = box.left + (box.width * across) / 12;
        const y = box.top + (box.height * step) / 12;
        if (document.elementFromPoint(x, y) === path) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error(`region ${name} is not visible`);
  await page.mouse.click(point.x, point.y);
}

/** Draws a short signature stroke in the pad `selector`. */
export async function drawSignature(page, selector = "#intake-signature") {
  const pad = page.locator(selector);
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3, { steps: 6 });
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.7, { steps: 6 });
  await page.mouse.up();
}

/** From a client's page: takes an intake ticking `conditions` (chip
 * labels), optionally dated `date`, signed by `consentName`, and waits for
 * the client page to show it. */
export async function createIntake(page, { conditions = [], consentName, date, regions = {} }) {
  await page.getByRole("link", { name: "New intake" }).click();
  if (date) {
    await page.getByLabel("Intake date").fill(date);
    await page.getByLabel("Date of consent").fill(date);
  }
  for (const [row, condition] of conditions.entries()) {
    await page.getByRole("button", { name: condition, exact: true }).click();
    if (regions[condition]) await page.locator(`#intake-condition-${row}-regions`).selectOption({ label: regions[condition] });
  }
  await page.getByLabel("Name of the person consenting").fill(consentName);
  await drawSignature(page);
  await page.getByRole("button", { name: "Save intake" }).click();
  await expect(page.getByRole("heading", { name: "Alerts today" })).toBeVisible();
}

/** After a change to the session on screen: waits until it is written
 * (the draft is saved once typing pauses, so "Saving…" shows first). */
export async function waitForSaved(page) {
  await expect(page.locator(".save-state")).toHaveText("Saving…");
  await expect(page.locator(".save-state")).toHaveText("All changes saved on this device.");
}

/** Saves the therapist's and the practice's names in Settings (each is
 * saved when its field is left), then goes to the client list. */
export async function setNames(page, site, { yourName = "", practiceName = "" }) {
  await page.goto(`${site.url}/settings`);
  await page.getByLabel("Your name").fill(yourName);
  await page.getByLabel("Practice name").fill(practiceName);
  await page.getByLabel("Your name").focus();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await page.getByRole("link", { name: "Clients" }).click();
}

/** Sets the therapist's PIN in Settings and waits for it to be saved. */
export async function setPin(page, site, pin) {
  await page.goto(`${site.url}/settings`);
  await page.getByLabel("PIN", { exact: true }).fill(pin);
  await page.getByLabel("The same PIN again").fill(pin);
  await page.getByRole("button", { name: "Set PIN" }).click();
  await expect(page.getByRole("status")).toContainText("PIN saved.");
}
