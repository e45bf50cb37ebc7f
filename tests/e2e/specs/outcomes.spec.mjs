// Treatment plans and benefit tracking (issue 5): a plan goal and its
// revision history, back-pain scores over several dates with their chart and
// summary sentence, the photo-based posture angle refusing a bad tap pair,
// the client's large-type questionnaire, and the practice CSV.
import { readFile } from "node:fs/promises";
import { test, expect, createClient, recordBackPain, scrollsSideways, setBackPainPlan, setPin } from "../fixtures.mjs";

/** A 400 × 300 side "photo" (an SVG file stands in for a camera picture). */
const PHOTO = {
  name: "side.svg",
  mimeType: "image/svg+xml",
  buffer: Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#cbd5c0"/></svg>',
  ),
};

async function newClient(page, site, name) {
  await page.goto(site.url);
  await createClient(page, { fullName: name });
  return page.url().split("/").pop();
}

test("a plan goal is set and revised, keeping its history", async ({ page, site }) => {
  const id = await newClient(page, site, "Margaret Hughes");
  await page.getByRole("link", { name: "Treatment plan" }).click();
  await expect(page.getByText("No plan yet.")).toBeVisible();
  await page.getByRole("button", { name: "Set a plan" }).click();
  await page.getByLabel("Benefit and instrument").selectOption("nprs-back");
  await page.getByLabel("Goal in the client's words").fill("Garden without pain");
  await page.getByLabel("Baseline").fill("7");
  await page.getByLabel("Target").fill("9");
  await page.getByLabel("Review date").fill("2099-01-15");
  await page.getByRole("button", { name: "Save plan" }).click();
  // Core refuses a target that is not better; nothing is saved.
  await expect(page.locator("#goal-0-target-message")).toContainText("The target must be lower than the baseline");
  await page.getByLabel("Target").fill("3");
  await page.getByRole("button", { name: "Save plan" }).click();
  const current = page.locator(".plan-current");
  await expect(current).toContainText("Garden without pain");
  await expect(current).toContainText("Pain: back · Pain rating (NPRS): back: from 7 to 3");
  await expect(current).toContainText("once a week");
  await expect(current).toContainText("Jan 15, 2099");

  await page.getByRole("button", { name: "Revise plan" }).click();
  await page.getByLabel("Target").fill("2");
  await page.getByLabel("Why this plan or change").fill("Going well; aiming lower.");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(current).toContainText("from 7 to 2");
  await page.reload();
  const history = page.locator(".history-item");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText("active");
  await expect(history.nth(0)).toContainText("Going well; aiming lower.");
  await expect(history.nth(1)).toContainText("revised");
  await expect(history.nth(1)).toContainText("from 7 to 3");
  expect(id).toBeTruthy();
});

test("back pain over several dates: chart, summary, goal progress, and the practice CSV", async ({ page, site }) => {
  const id = await newClient(page, site, "Arthur Dent");
  await setBackPainPlan(page, site, id, { target: 2 });

  await recordBackPain(page, site, id, "2026-09-01", 7);
  await recordBackPain(page, site, id, "2026-09-08", 5);
  await recordBackPain(page, site, id, "2026-09-15", 3);

  await page.reload();
  const card = page.locator(".chart-card", { hasText: "Pain rating (NPRS): back" });
  await expect(card.locator(".chart-dot")).toHaveCount(3);
  await expect(card.locator(".chart-band rect")).toHaveCount(1);
  await expect(card.getByRole("img", { name: "3 on Sep 15, 2026" })).toBeVisible();
  await card.getByRole("img", { name: "7 on Sep 1, 2026" }).focus();
  await expect(card.locator(".chart-summary")).toHaveText("Your back pain went from 7 to 3: a meaningful improvement.");
  // A screen reader hears the chart by its name, with the sentence under
  // it as its description.
  const chart = card.getByRole("group", { name: "Pain rating (NPRS): back over time" });
  await expect(chart).toHaveAccessibleDescription("Your back pain went from 7 to 3: a meaningful improvement.");
  await expect(page.locator(".goal")).toContainText("Latest 3: 80% of the way to the target.");
  expect(await scrollsSideways(page)).toBe(false);

  await page.goto(`${site.url}/settings`);
  await page.getByRole("link", { name: "Practice outcomes" }).click();
  await page.getByLabel("From").fill("2026-01-01");
  const table = page.locator(".outcomes-table");
  await expect(table).toContainText("Pain: back");
  await expect(table.locator("tbody tr", { hasText: "Pain rating (NPRS): back" })).toContainText("1 (100%)");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^stillpoint-outcomes-2026-01-01-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.split("\r\n")[0]).toBe(
    "\uFEFF" +
    "Benefit area,Instrument,Unit,Clients measured,Clients with a change to judge,Clients meaningfully improved,Share improved (%),Median change,Median sessions to improvement",
  );
  expect(csv).toContain("\r\nPain: back,Pain rating (NPRS): back,points,1,1,1,100,-4,\r\n");

  // A range that leaves the scores out has no rows and nothing to download.
  await page.getByLabel("From").fill("2026-10-01");
  await expect(page.getByText("No scores in this date range.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Download CSV" })).toBeDisabled();
});

test("a CVA tap pair on top of each other is refused and nothing is saved; a good pair gives the angle", async ({ page, site }) => {
  const id = await newClient(page, site, "Zoë Brontë");
  await page.goto(`${site.url}/clients/${id}/measure/cva`);
  await page.getByLabel("Side photo").setInputFiles(PHOTO);
  const photo = page.locator(".photo-taps");
  await expect(photo.locator("svg")).toBeAttached();
  const box = await photo.boundingBox();
  await photo.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await photo.click({ position: { x: box.width / 2 + 1, y: box.height / 2 } });
  await expect(photo.locator("circle")).toHaveCount(2);
  await page.getByRole("button", { name: "Save score" }).click();
  await expect(page.locator(".photo-item .field-message")).toHaveText(
    "The two points are on top of each other. Tap C7 at the base of the neck, then the tragus at the ear.",
  );
  await page.goto(`${site.url}/clients/${id}/progress`);
  await expect(page.locator(".chart-card")).toHaveCount(0);

  // C7 at (200, 200) and the tragus at (300, 100) of the 400 × 300 photo: 45°.
  await page.goto(`${site.url}/clients/${id}/measure/cva`);
  await page.getByLabel("Side photo").setInputFiles(PHOTO);
  await expect(photo.locator("svg")).toBeAttached();
  const size = await photo.boundingBox();
  await photo.click({ position: { x: (size.width * 200) / 400, y: (size.height * 200) / 300 } });
  await photo.click({ position: { x: (size.width * 300) / 400, y: (size.height * 100) / 300 } });
  await page.getByRole("button", { name: "Save score" }).click();
  const card = page.locator(".chart-card", { hasText: "Craniovertebral angle" });
  await expect(card.locator(".chart-dot")).toHaveCount(1);
  await expect(card.locator(".chart-value")).toHaveText(/^4[4-6](\.\d)?$/);
});

test("out-of-range mouth opening is refused beside the field", async ({ page, site }) => {
  const id = await newClient(page, site, "Ford Prefect");
  await page.goto(`${site.url}/clients/${id}/measure/mouth-opening`);
  const field = page.locator(".field", { has: page.locator("#item-0") });
  await page.locator("#item-0").fill("400");
  await page.getByRole("button", { name: "Save score" }).click();
  await expect(page.locator("#item-0-message")).toContainText("Enter a number from");
  await expect(field).toHaveClass(/invalid/);
  await page.goto(`${site.url}/clients/${id}/progress`);
  await expect(page.locator(".chart-card")).toHaveCount(0);
});

test("the client fills in WHO-5 in large type on a locked tablet, seeing nothing else of the record", async ({ page, site }) => {
  const id = await newClient(page, site, "Trillian Astra");
  await page.goto(`${site.url}/clients/${id}/progress`);
  await page.getByText("Record emotional well-being scores").click();
  const fillIn = page.getByRole("button", { name: "Client fills in WHO-5 Well-Being Index" });
  await expect(fillIn).toBeDisabled();
  await expect(page.locator(".benefit", { hasText: "Emotional well-being" }).getByText("Set a PIN in Settings first")).toBeVisible();
  await setPin(page, site, "2468");

  await page.goto(`${site.url}/clients/${id}/progress`);
  await page.getByText("Record emotional well-being scores").click();
  await fillIn.click();
  await expect(page.locator(".nav")).toHaveCount(0);
  await expect(page.getByText("Trillian")).toHaveCount(0);
  await expect(page.locator(".large-type")).toBeVisible();
  const groups = page.getByRole("radiogroup");
  await expect(groups).toHaveCount(5);
  for (let item = 0; item < 4; item++) {
    await groups.nth(item).getByRole("radio", { name: /^3/ }).click();
  }
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.locator(".form-summary")).toContainText("question 5 was left blank");
  await groups.nth(4).getByRole("radio", { name: /^4/ }).click();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("heading", { name: "Thank you." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Therapist: back to the record" })).toHaveCount(0);

  // No way back to the therapist's screens but the PIN: not the back
  // button, not the progress page's address.
  await page.goBack();
  await expect(page.locator(".nav")).toHaveCount(0);
  await expect(page.getByText("Trillian")).toHaveCount(0);
  await page.goto(`${site.url}/clients/${id}/progress`);
  await expect(page.locator(".nav")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Return to therapist" })).toBeVisible();
  await page.getByRole("button", { name: "Return to therapist" }).click();
  await page.getByLabel("Therapist's PIN").fill("2468");
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.locator(".nav")).toBeVisible();
  await page.goto(`${site.url}/clients/${id}/progress`);
  const card = page.locator(".chart-card", { hasText: "WHO-5" });
  await expect(card.locator(".chart-value")).toHaveText("64");
});

test("a custom instrument whose lowest answer is not below the highest is refused; a good one is saved and charted", async ({ page, site }) => {
  await page.goto(`${site.url}/outcomes`);
  await page.getByRole("link", { name: "Add an instrument" }).click();
  await page.getByLabel("Name").fill("Neck scale (licensed)");
  await page.getByLabel("Questions, one per line").fill("How is your neck today?");
  await page.getByLabel("Lowest answer", { exact: true }).fill("5");
  await page.getByLabel("Highest answer", { exact: true }).fill("5");
  await page.getByLabel("Meaningful change (points)").fill("1");
  await page.getByLabel("Source of the threshold").fill("Publisher's manual");
  await page.getByLabel("Licence").fill("Licensed to this practice");
  await page.getByRole("button", { name: "Save instrument" }).click();
  await expect(page.locator("#custom-max-message")).toHaveText("The lowest answer must be below the highest.");
  await page.goto(`${site.url}/outcomes`);
  await expect(page.getByText("None yet.")).toBeVisible();

  await page.getByRole("link", { name: "Add an instrument" }).click();
  await page.getByLabel("Name").fill("Neck scale (licensed)");
  await page.getByLabel("Questions, one per line").fill("How is your neck today?");
  await page.getByLabel("Lowest answer", { exact: true }).fill("0");
  await page.getByLabel("Highest answer", { exact: true }).fill("4");
  await page.getByLabel("Meaningful change (points)").fill("1");
  await page.getByRole("button", { name: "Save instrument" }).click();
  await expect(page.getByRole("heading", { name: "Practice outcomes" })).toBeVisible();
  await expect(page.locator(".goal-name")).toHaveText("Neck scale (licensed)");

  const id = await newClient(page, site, "Marvin");
  await page.goto(`${site.url}/clients/${id}/progress`);
  await page.getByText("Record stress scores").click();
  await page.getByRole("link", { name: "Record Neck scale (licensed)" }).click();
  await page.getByLabel("How is your neck today?").fill("3");
  await page.getByRole("button", { name: "Save score" }).click();
  const card = page.locator(".chart-card", { hasText: "Neck scale (licensed)" });
  await expect(card.locator(".chart-value")).toHaveText("3");
});
