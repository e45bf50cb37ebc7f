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
  context: async ({ context }, use) => {
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
