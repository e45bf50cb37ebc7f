import { test, expect, createClient, waitForOfflineReady } from "../fixtures.mjs";

test("offline: the start page and a deep link load from the service worker with the data", async ({ page, context, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Offline Olive" });
  const deepLink = page.url();
  expect(deepLink).toMatch(/\/clients\/[0-9a-f-]{36}$/);
  await waitForOfflineReady(page);

  await context.setOffline(true);
  await site.close();

  await page.goto(site.url);
  await expect(page.locator(".client-list")).toContainText("Offline Olive");
  await page.goto(deepLink);
  await expect(page.getByRole("heading", { level: 1, name: "Offline Olive" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Offline Olive" })).toBeVisible();

  // Working offline: a new client is saved and survives another reload.
  await createClient(page, { fullName: "Second Offline" });
  await page.reload();
  await expect(page.locator(".client-list")).toContainText("Second Offline");
  await page.goto(`${site.url}/settings`);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
});

test("the manifest makes the app installable", async ({ page, site }) => {
  const response = await page.goto(`${site.url}/manifest.webmanifest`);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: "Stillpoint", short_name: "Stillpoint", start_url: "/", scope: "/", display: "standalone" });
  const purposes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`);
  expect(purposes).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
  for (const icon of manifest.icons) {
    const image = await page.request.get(`${site.url}${icon.src}`);
    expect(image.headers()["content-type"]).toBe("image/png");
  }
});

test("the content security policy allows no inline script but the loader, and the app still runs", async ({ page, site }) => {
  const violations = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(site.url);
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toMatch(/https?:/);
  expect(violations, "the app itself breaks no CSP rule").toEqual([]);
  const injected = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true;";
    document.body.append(script);
    return window.__injected === true;
  });
  expect(injected).toBe(false);
  expect(violations.length).toBeGreaterThan(0);
});
