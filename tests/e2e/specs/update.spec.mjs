import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { test, expect, waitForOfflineReady } from "../fixtures.mjs";

test("a new build waits until the user presses Reload, and nothing typed is lost", async ({ page, site }) => {
  await page.goto(`${site.url}/clients/new`);
  await waitForOfflineReady(page);
  await page.getByLabel("Full name").fill("Typed Before Update");
  await expect(page.getByText("Draft saved on this device.")).toBeVisible();

  // "Deploy" a new build: any change to sw.js makes the browser install it.
  await appendFile(join(site.root, "sw.js"), "\n// next build\n");
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

  const banner = page.getByRole("status").filter({ hasText: "A new version is ready." });
  await expect(banner).toBeVisible();
  // Nothing swapped on its own: the form and what was typed are untouched.
  await expect(page.getByLabel("Full name")).toHaveValue("Typed Before Update");

  await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Reload" }).click()]);
  await expect(page.getByLabel("Full name")).toHaveValue("Typed Before Update");
  await expect(page.getByText("A new version is ready.")).toHaveCount(0);
  const scriptText = await page.evaluate(async () => (await fetch("/sw.js")).text());
  expect(scriptText).toContain("// next build");
});
