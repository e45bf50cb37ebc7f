// Nothing hidden by the layout (issue 17 §3), at both tablet sizes and in
// both themes: a signed note shows from its top, notices float only over
// the app's frame (never over the record or form), the body chart's mark
// sheet stays in the page in portrait, the head views are big enough for a
// fingertip, and the rhythm table lists the stations in session order with
// the unused ones folded away. Screenshots go to target/screenshots.
import { mkdir } from "node:fs/promises";
import { test, expect, createClient, createIntake, setNames, tapRegion, TABLET_SIZES } from "../fixtures.mjs";

const OUT = new URL("../../../target/screenshots/", import.meta.url).pathname;

/** Whether two boxes overlap. */
function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

for (const scheme of ["light", "dark"]) {
  for (const size of TABLET_SIZES) {
    test(`charting leaves nothing hidden (${size.name}, ${scheme})`, async ({ page, site }) => {
      await mkdir(OUT, { recursive: true });
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(size);
      await setNames(page, site, { yourName: "Ada Byron" });
      await createClient(page, { fullName: "June Park" });
      await createIntake(page, { consentName: "June Park" });

      // "Intake saved." floats over the frame: the rail and list in
      // landscape, the tab bar in portrait; never over the record.
      const notice = page.locator(".notice-area .notice");
      await expect(notice).toBeVisible();
      const noticeBox = await notice.boundingBox();
      const detail = await page.locator(".client-detail").boundingBox();
      if (size.name === "portrait") {
        const bar = await page.locator(".nav").boundingBox();
        expect(noticeBox.y, "the notice sits on the tab bar").toBeGreaterThanOrEqual(bar.y);
      } else {
        expect(overlaps(noticeBox, detail), "the notice keeps off the record").toBe(false);
      }
      await page.screenshot({ path: `${OUT}notice-${size.name}-${scheme}.png` });

      await page.getByRole("button", { name: "Start session" }).click();
      await page.getByRole("button", { name: "Nothing changed" }).click();
      await page.getByLabel("Duration (minutes)").fill("60");
      await page.getByRole("button", { name: "CST", exact: true }).click();

      // The rhythm table: head and sacrum first, the rest one tap away.
      const stations = page.locator(".rhythm-station");
      await expect(stations).toHaveText(["Head", "Sacrum"]);
      await page.getByRole("button", { name: /^More stations: Pelvis, Thorax, Shoulders, Feet, Knees \/ thighs$/ }).click();
      await expect(stations).toHaveText(["Head", "Pelvis", "Thorax", "Shoulders", "Sacrum", "Feet", "Knees / thighs"]);
      await page.getByLabel("Head rate, cycles a minute").fill("8");
      await page.getByLabel("Thorax rate, cycles a minute").fill("7");
      await page.locator(".rhythm-table").screenshot({ path: `${OUT}rhythm-${size.name}-${scheme}.png` });

      // Head views wide enough for a fingertip.
      for (const figure of await page.locator(".chart-head svg").all()) {
        expect((await figure.boundingBox()).width).toBeGreaterThanOrEqual(160);
      }
      // The mark sheet opens in the page, never over the form.
      await tapRegion(page, "Back of the head (occiput)", 1);
      const sheet = page.locator(".mark-sheet");
      await expect(sheet).toBeVisible();
      expect(await sheet.evaluate((element) => getComputedStyle(element).position)).toBe("static");
      await expect(sheet.getByRole("heading")).toBeInViewport();
      await page.locator(".body-chart").screenshot({ path: `${OUT}body-chart-${size.name}-${scheme}.png` });
      await sheet.getByRole("button", { name: "Restriction" }).click();
      await sheet.getByRole("radio", { name: "4" }).click();

      await page.getByRole("button", { name: "Frontal lift", exact: true }).click();
      await page.locator(".technique-row").getByRole("button", { name: "Released" }).click();
      await page.getByLabel("Subjective: the client's words").fill("Jaw tight after a stressful week.");
      await page.getByLabel("Objective: what you observed").fill("Restricted occiput.");
      await page.getByLabel("Assessment: response and change").fill("Good release at the occiput.");
      await page.getByLabel("Plan: next focus, home care, referrals").fill("Weekly for four weeks.");
      await page.getByRole("button", { name: "Sign note" }).click();

      // The signed note shows from its top, "Signed" in view; the rhythm
      // reads in session order, a folded station not charted at all.
      await expect(page.locator(".status-signed").first()).toBeInViewport();
      await expect(page.getByRole("heading", { level: 1 })).toBeInViewport();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await expect(page.locator(".note-body")).toContainText("Head: 8 cycles/min");
      await expect(page.locator(".note-body")).toContainText("Thorax: 7 cycles/min");
      await expect(page.locator(".note-body")).not.toContainText("Feet");
      await page.screenshot({ path: `${OUT}signed-top-${size.name}-${scheme}.png` });
    });
  }
}

/** The last control in the page's main area (the action bar's own buttons
 * aside) when scrolled to the very end, if something covers its middle. */
async function coveredLastControl(page) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(100);
  return page.evaluate(() => {
    const controls = [...document.querySelectorAll("main input, main textarea, main select, main button, main a")]
      .filter((element) => element.offsetParent !== null && !element.closest(".bottom-actions"));
    const last = controls[controls.length - 1];
    const box = last.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const labelled = hit?.closest("label")?.htmlFor === last.id && last.id !== "";
    return last.contains(hit) || labelled ? null : `${last.outerHTML.slice(0, 80)} under ${hit?.outerHTML.slice(0, 80)}`;
  });
}

test("no bar or button floats over the last field of a form, at either size", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "June Park" });
  const client = page.url();
  await createIntake(page, { consentName: "June Park" });
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  const session = page.url();
  for (const size of TABLET_SIZES) {
    await page.setViewportSize(size);
    for (const address of [`${site.url}/clients/new`, `${client}/intake`, session, `${site.url}/settings`, `${site.url}/sync`, `${site.url}/clients`]) {
      await page.goto(address);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      expect(await coveredLastControl(page), `${size.name} ${address}`).toBeNull();
    }
  }
});
