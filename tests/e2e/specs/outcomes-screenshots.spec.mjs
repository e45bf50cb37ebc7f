// Screenshots of the outcome pages (plan, plan form, measure form, the
// client's large-type questionnaire, progress with charts, practice
// outcomes) at both tablet sizes and in both themes, for a person to look
// at (target/screenshots). Each is also checked for sideways scrolling and
// for controls under 48 px.
import { mkdir } from "node:fs/promises";
import {
  test, expect, createClient, recordBackPain, scrollsSideways, setBackPainPlan, smallTargets, TABLET_SIZES,
} from "../fixtures.mjs";

const OUT = new URL("../../../target/screenshots/", import.meta.url).pathname;

for (const scheme of ["light", "dark"]) {
  test(`outcome pages at tablet sizes (${scheme})`, async ({ page, site }) => {
    test.setTimeout(120_000);
    await mkdir(OUT, { recursive: true });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(site.url);
    await createClient(page, { fullName: "Margaret Ellen Hughes", preferredName: "Meg" });
    const id = page.url().split("/").pop();
    await setBackPainPlan(page, site, id, { description: "Garden for an hour without back pain", target: 2 });
    for (const [date, score] of [["2026-09-01", 7], ["2026-09-08", 6], ["2026-09-15", 4], ["2026-09-22", 3]]) {
      await recordBackPain(page, site, id, date, score);
    }
    for (const [date, score] of [["2026-09-01", 8], ["2026-09-15", 7]]) {
      await page.goto(`${site.url}/clients/${id}/measure/stress`);
      await page.getByLabel("Date").fill(date);
      await page.getByRole("radio", { name: String(score), exact: true }).click();
      await page.getByRole("button", { name: "Save score" }).click();
      await expect(page.locator(".progress-page")).toBeVisible();
    }
    const pages = [
      ["plan", `/clients/${id}/plan`, null],
      ["plan-form", `/clients/${id}/plan`, async () => page.getByRole("button", { name: "Revise plan" }).click()],
      ["measure-nprs", `/clients/${id}/measure/nprs-back`, null],
      ["measure-psfs", `/clients/${id}/measure/psfs-back`, null],
      ["measure-cva", `/clients/${id}/measure/cva`, null],
      ["questionnaire-who5", `/clients/${id}/questionnaire/who-5`, null],
      ["progress", `/clients/${id}/progress`, null],
      ["practice", "/outcomes", async () => page.getByLabel("From").fill("2026-01-01")],
      ["custom-instrument", "/instruments/new", null],
    ];
    for (const size of TABLET_SIZES) {
      await page.setViewportSize(size);
      for (const [name, path, prepare] of pages) {
        await page.goto(`${site.url}${path}`);
        await expect(page.locator("h1:visible").first()).toBeVisible();
        if (prepare) await prepare();
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${OUT}${name}-${size.name}-${scheme}.png` });
        expect(await scrollsSideways(page), `${name} ${size.name} scrolls sideways`).toBe(false);
        expect(await smallTargets(page), `${name} ${size.name} small targets`).toEqual([]);
      }
    }
  });
}
