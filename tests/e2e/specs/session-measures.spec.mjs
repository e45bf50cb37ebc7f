// Pain and stress before and after treatment, inside the session form: one
// tap each (every row shows its eleven numbers), never pre-filled, kept in
// the draft across a reload, changeable until signing, shown on the signed
// note, and counted in the within-session change on the progress page.
// Screenshots of the form's rating rows at both tablet sizes go to
// target/screenshots.
import { mkdir } from "node:fs/promises";
import {
  test, expect, createClient, scrollsSideways, setBackPainPlan, smallTargets, waitForSaved, TABLET_SIZES,
} from "../fixtures.mjs";

const OUT = new URL("../../../target/screenshots/", import.meta.url).pathname;

/** The 0–10 group of the row named `row`, e.g. "Pain before (back)". */
function rowGroup(page, row) {
  return page.getByRole("radiogroup", { name: row, exact: true });
}

/** Expects `row` to show `value`, or no rating for `null`. */
async function expectRating(page, row, value) {
  const chosen = rowGroup(page, row).getByRole("radio", { checked: true });
  if (value === null) await expect(chosen).toHaveCount(0);
  else await expect(chosen).toHaveAccessibleName(String(value));
}

/** Rates `row` as `value` in one tap. */
async function rate(page, row, value) {
  await rowGroup(page, row).getByRole("radio", { name: String(value), exact: true }).click();
  await expectRating(page, row, value);
}

test("pain and stress before and after a session in one tap each, kept, signed and charted", async ({ page, site }) => {
  test.setTimeout(120_000);
  await mkdir(OUT, { recursive: true });
  await page.goto(site.url);
  await createClient(page, { fullName: "Rosa Klein" });
  const id = page.url().split("/").pop();
  await setBackPainPlan(page, site, id, { target: 3 });
  await page.goto(`${site.url}/clients/${id}`);
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();

  // The plan's one pain site is offered without asking, unrated.
  await expect(page.getByText("Where is the pain?")).toHaveCount(0);
  await expectRating(page, "Pain before (back)", null);
  await rate(page, "Pain before (back)", 7);

  // Keyboard: Tab reaches the row as one stop; arrow keys choose.
  const stressBefore = rowGroup(page, "Stress before");
  await stressBefore.getByRole("radio", { name: "0", exact: true }).focus();
  for (let step = 0; step < 9; step++) await page.keyboard.press("ArrowRight");
  await expectRating(page, "Stress before", 8);
  // Focus follows the choice, and Tab comes back to it.
  await expect(stressBefore.getByRole("radio", { name: "8", exact: true })).toBeFocused();
  await expect(stressBefore.locator('[tabindex="0"]')).toHaveAccessibleName("8");
  await waitForSaved(page);

  for (const size of TABLET_SIZES) {
    await page.setViewportSize(size);
    await page.locator("#session-ratings-before").scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${OUT}session-ratings-${size.name}.png` });
    expect(await scrollsSideways(page), `${size.name} scrolls sideways`).toBe(false);
    expect(await smallTargets(page), `${size.name} small targets`).toEqual([]);
  }
  await page.setViewportSize(TABLET_SIZES[0]);

  // The draft keeps them across a reload.
  await page.reload();
  await expectRating(page, "Pain before (back)", 7);
  await expectRating(page, "Stress before", 8);

  // After treatment; a rating can be changed before signing.
  await rate(page, "Pain after (back)", 4);
  await rate(page, "Stress after", 2);
  await rate(page, "Stress after", 3);
  await waitForSaved(page);
  await page.reload();
  await expectRating(page, "Stress after", 3);

  await page.getByLabel("Duration (minutes)").fill("60");
  await page.getByRole("button", { name: "Swedish", exact: true }).click();
  await page.locator("#session-massage-areas").selectOption({ label: "Left upper back and shoulder blade" });
  await page.getByLabel("Subjective: the client's words").fill("Back sore after the drive.");
  await page.getByLabel("Objective: what you observed").fill("Guarding at the lumbar spine.");
  await page.getByLabel("Assessment: response and change").fill("Eased with slow strokes.");
  await page.getByLabel("Plan: next focus, home care, referrals").fill("Weekly for four weeks.");
  await page.getByLabel("Signed by").fill("Ada Byron");
  await page.getByRole("button", { name: "Sign note" }).click();

  await expect(page.locator(".status-signed").first()).toHaveText("Signed");
  const ratings = page.locator(".session-ratings-view");
  await expect(ratings).toContainText("Pain (back): 7 before, 4 after (3 lower)");
  await expect(ratings).toContainText("Stress: 8 before, 3 after (5 lower)");

  await page.goto(`${site.url}/clients/${id}/progress`);
  await expect(page.locator(".within-session")).toHaveText([
    "From before to after treatment, your stress went down by 5 on average (1 session).",
    "From before to after treatment, your back pain went down by 3 on average (1 session).",
  ]);
  // One before-session score is not a change over time yet.
  await expect(page.locator(".chart-summary").first()).toHaveText("Not scored yet: one score so far, and a change needs two.");

  // A second session, started from the last: change over sessions and the
  // mean within-session change both move.
  await page.goto(`${site.url}/clients/${id}`);
  await page.getByRole("button", { name: "Start from last session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  // The rows come back, their values never do.
  for (const row of ["Pain before (back)", "Stress before", "Pain after (back)", "Stress after"]) {
    await expectRating(page, row, null);
  }
  await rate(page, "Pain before (back)", 5);
  await rate(page, "Stress before", 6);
  await rate(page, "Pain after (back)", 3);
  await rate(page, "Stress after", 3);
  await page.getByLabel("Subjective: the client's words").fill("Better this week.");
  await page.getByLabel("Objective: what you observed").fill("Less guarding.");
  await page.getByLabel("Assessment: response and change").fill("Settled quickly.");
  await page.getByLabel("Signed by").fill("Ada Byron");
  await page.getByRole("button", { name: "Sign note" }).click();
  await expect(page.locator(".session-ratings-view")).toContainText("Pain (back): 5 before, 3 after (2 lower)");

  await page.goto(`${site.url}/clients/${id}/progress`);
  const back = page.locator(".chart-card", { hasText: "Pain rating (NPRS): back" });
  await expect(back.locator(".chart-summary").first()).toHaveText("Your back pain went from 7 to 5 over 2 sessions: a meaningful improvement.");
  await expect(back.locator(".within-session")).toHaveText("From before to after treatment, your back pain went down by 2.5 on average (2 sessions).");
  await expect(page.locator(".within-session").first()).toHaveText("From before to after treatment, your stress went down by 4 on average (2 sessions).");
  await expect(back.locator(".chart-session-label")).toHaveText(["S1", "S2"]);
  await expect(back.locator(".chart-dot").nth(1)).toHaveAttribute("aria-label", /session 1, after treatment$/);
  for (const size of TABLET_SIZES) {
    await page.setViewportSize(size);
    await back.scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${OUT}session-ratings-progress-${size.name}.png` });
    expect(await scrollsSideways(page), `progress ${size.name} scrolls sideways`).toBe(false);
  }
});

test("without a plan the pain site is chosen first; turning a site off clears its ratings", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Tomas Berg" });
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  await expect(page.getByText("Where is the pain?")).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: /^Pain before/ })).toHaveCount(0);
  await page.getByRole("button", { name: "TMJ", exact: true }).click();
  await rate(page, "Pain before (TMJ)", 6);
  await rate(page, "Pain after (TMJ)", 2);
  await waitForSaved(page);
  await page.reload();
  await expect(page.getByRole("button", { name: /^(✓ )?TMJ$/ })).toHaveAttribute("aria-pressed", "true");
  await expectRating(page, "Pain after (TMJ)", 2);
  // Tapping the chosen number again clears it.
  await rowGroup(page, "Pain after (TMJ)").getByRole("radio", { name: "2", exact: true }).click();
  await expectRating(page, "Pain after (TMJ)", null);
  await page.getByRole("button", { name: /^(✓ )?TMJ$/ }).click();
  await expect(page.getByRole("radiogroup", { name: /^Pain before/ })).toHaveCount(0);
  await waitForSaved(page);
  await page.reload();
  await expect(page.getByRole("radiogroup", { name: /^Pain before/ })).toHaveCount(0);
});
