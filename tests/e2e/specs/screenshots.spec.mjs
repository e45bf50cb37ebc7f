// Screenshots of the real pages at both tablet sizes, in both themes, for a
// person to look at (written to target/screenshots). Each page is also
// checked for what a screenshot can't show at a glance: no sideways scroll,
// and every control at least 48 px tall.
import { mkdir } from "node:fs/promises";
import { test, expect, createClient, scrollsSideways, smallTargets, TABLET_SIZES } from "../fixtures.mjs";

const OUT = new URL("../../../target/screenshots/", import.meta.url).pathname;

for (const scheme of ["light", "dark"]) {
  test(`pages at tablet sizes (${scheme})`, async ({ page, site }) => {
    await mkdir(OUT, { recursive: true });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(site.url);
    await createClient(page, { fullName: "Arthur Dent", dateOfBirth: "1978-03-08" });
    await createClient(page, { fullName: "Zoë Brontë" });
    await createClient(page, {
      fullName: "Margaret Ellen Hughes",
      preferredName: "Meg",
      dateOfBirth: "1971-06-02",
      phone: "+44 20 7946 0958",
      email: "meg@example.org",
      notes: "Prefers a warm room and a bolster under the knees. Left shoulder tender since a fall in 2024.",
    });
    const id = page.url().split("/").pop();
    const pages = [
      ["clients", "/clients"],
      ["client", `/clients/${id}`],
      ["new-client", "/clients/new"],
      ["settings", "/settings"],
      ["sync", "/sync"],
    ];
    for (const size of TABLET_SIZES) {
      await page.setViewportSize(size);
      for (const [name, path] of pages) {
        await page.goto(`${site.url}${path}`);
        await expect(page.locator("h1:visible").first()).toBeVisible();
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${OUT}${name}-${size.name}-${scheme}.png` });
        expect(await scrollsSideways(page), `${name} ${size.name} scrolls sideways`).toBe(false);
        expect(await smallTargets(page), `${name} ${size.name} small targets`).toEqual([]);
      }
    }
  });
}
