import { test, expect } from "../fixtures.mjs";

test("without IndexedDB a full page explains what to do", async ({ page, site }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException("The user denied permission to access the database.", "SecurityError");
    };
  });
  await page.goto(site.url);
  const message = page.getByRole("alert");
  await expect(message.getByRole("heading", { name: "Stillpoint can't open its records" })).toBeVisible();
  await expect(message).toContainText("Private or incognito windows");
  await expect(message).toContainText("Nothing has been deleted.");
});

test("when storage is full the user is told and nothing is half-written", async ({ page, site }) => {
  await page.goto(site.url);
  await expect(page.getByText("No clients yet.")).toBeVisible();
  await page.getByRole("link", { name: "New client" }).click();
  await page.getByLabel("Full name").fill("Quota Quentin");
  await expect(page.getByText("Draft saved on this device.")).toBeVisible();
  // From now on the first write of each transaction goes through and the
  // second fails as a full disk would, so a half-applied save would show.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      const transaction = this.transaction;
      transaction.__writes = (transaction.__writes ?? 0) + 1;
      if (transaction.__writes > 1) throw new DOMException("Quota exceeded", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
  await page.getByRole("button", { name: "Save client" }).click();
  await expect(page.getByRole("status")).toContainText("The device's storage is full, so nothing was saved.");
  await page.getByRole("button", { name: "OK" }).click();
  await page.reload();
  await expect(page.locator(".client-list")).toHaveCount(0);
  await expect(page.getByText("No clients yet.")).toBeVisible();
});
