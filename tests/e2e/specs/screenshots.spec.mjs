// Screenshots of the real pages at both tablet sizes, in both themes, for a
// person to look at (written to target/screenshots). Each page is also
// checked for what a screenshot can't show at a glance: no sideways scroll,
// and every control at least 48 px tall.
import { mkdir } from "node:fs/promises";
import {
  test,
  expect,
  createClient,
  createIntake,
  scrollsSideways,
  smallTargets,
  tapRegion,
  TABLET_SIZES,
  waitForSaved,
} from "../fixtures.mjs";

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
    // A clinical record: an intake with a caution and an area to avoid, a
    // signed session and today's draft.
    await createIntake(page, {
      conditions: ["Epilepsy or seizures", "Varicose veins"],
      regions: { "Varicose veins": "Left calf" },
      consentName: "Margaret Ellen Hughes",
    });
    await page.getByRole("button", { name: "Start session" }).click();
    await page.getByRole("button", { name: "Nothing changed" }).click();
    await page.getByLabel("Decided by").fill("Ada Byron");
    await page.getByLabel("Why is it safe to go on?").fill("Seizure-free for 6 years; her GP agrees.");
    await page.getByRole("button", { name: "Go on despite this alert" }).click();
    await page.getByLabel("Duration (minutes)").fill("60");
    await page.getByRole("button", { name: "CST", exact: true }).click();
    await page.getByLabel("Head rate, cycles a minute").fill("7.5");
    await page.getByRole("button", { name: "Frontal lift", exact: true }).click();
    await page.getByRole("button", { name: "Released" }).click();
    await page.getByLabel("Subjective: the client's words").fill("Left shoulder sore after gardening; sleeping better.");
    await page.getByLabel("Objective: what you observed").fill("Guarding at the left upper trapezius.");
    await page.getByLabel("Assessment: response and change").fill("Released well; range of motion improved.");
    await page.getByLabel("Plan: next focus, home care, referrals").fill("Weekly for 3 weeks; gentle neck stretches.");
    await tapRegion(page, "Left shoulder");
    await page.locator(".mark-sheet").getByRole("radio", { name: "6" }).click();
    await page.getByLabel("Signed by").fill("Ada Byron");
    await page.getByRole("button", { name: "Sign note" }).click();
    await expect(page.locator(".status-signed").first()).toBeVisible();
    const signed = page.url().split("/").pop();
    await page.goto(`${site.url}/clients/${id}`);
    await page.getByRole("button", { name: "Start from last session" }).click();
    await page.getByRole("button", { name: "Nothing changed" }).click();
    await page.getByLabel("Why is it safe to go on?").fill("Seizure-free for 6 years; her GP agrees.");
    await page.getByLabel("Decided by").fill("Ada Byron");
    await page.getByRole("button", { name: "Go on despite this alert" }).click();
    await page.getByLabel("Subjective: the client's words").fill("Shoulder much easier this week.");
    await waitForSaved(page);
    const draft = page.url().split("/").pop();
    const pages = [
      ["clients", "/clients"],
      ["client", `/clients/${id}`],
      ["new-client", "/clients/new"],
      ["intake", `/clients/${id}/intake`],
      ["session", `/clients/${id}/sessions/${draft}`],
      ["signed-session", `/clients/${id}/sessions/${signed}`],
      ["today", "/today"],
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
