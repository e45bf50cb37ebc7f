// Pain and stress before and after treatment, inside the session form: two
// taps each (the row, then the number), kept in the draft across a reload,
// changeable until signing, shown on the signed note, and counted in the
// within-session change on the progress page. Screenshots of the form's
// rating rows at both tablet sizes go to target/screenshots.
import { mkdir } from "node:fs/promises";
import {
  test, expect, createClient, scrollsSideways, setBackPainPlan, smallTargets, waitForSaved, TABLET_SIZES,
} from "../fixtures.mjs";

const OUT = new URL("../../../target/screenshots/", import.meta.url).pathname;

/** The row's button, whatever its rating: its name is "<row>: <rating>". */
function rowButton(page, row) {
  return page.getByRole("button", { name: new RegExp(`^${row.replace(/[()]/g, "\\$&")}:`) });
}

/** Rates `row` (its button's label) as `value`: one tap on the row, one on the number. */
async function rate(page, row, value) {
  await rowButton(page, row).click();
  await page.getByRole("group", { name: `${row}, 0 to 10` })
    .getByRole("button", { name: String(value), exact: true }).click();
  await expect(rowButton(page, row)).toHaveAccessibleName(`${row}: ${value}`);
}

test("pain and stress before and after a session in two taps each, kept, signed and charted", async ({ page, site }) => {
  test.setTimeout(120_000);
  await mkdir(OUT, { recursive: true });
  await page.goto(site.url);
  await createClient(page, { fullName: "Rosa Klein" });
  const id = page.url().split("/").pop();
  await setBackPainPlan(page, site, id, { target: 3 });
  await page.goto(`${site.url}/clients/${id}`);
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();

  // The plan's one pain site is offered without asking.
  await expect(page.getByText("Where is the pain?")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Pain before (back): not rated" })).toBeVisible();
  await rate(page, "Pain before (back)", 7);

  // Keyboard: Enter opens and focuses 0, Tab walks the numbers, Enter picks
  // and focus returns to the row.
  const stressBefore = page.getByRole("button", { name: /^Stress before/ });
  await stressBefore.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "0", exact: true })).toBeFocused();
  for (let step = 0; step < 8; step++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(stressBefore).toHaveAccessibleName("Stress before: 8");
  await expect(stressBefore).toBeFocused();
  // Escape closes the numbers without changing anything.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("group", { name: "Stress before, 0 to 10" })).toHaveCount(0);
  await expect(stressBefore).toHaveAccessibleName("Stress before: 8");
  await waitForSaved(page);

  for (const size of TABLET_SIZES) {
    await page.setViewportSize(size);
    await page.locator("#session-ratings-before").scrollIntoViewIfNeeded();
    await page.getByRole("button", { name: /^Pain before/ }).click();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${OUT}session-ratings-${size.name}.png` });
    expect(await scrollsSideways(page), `${size.name} scrolls sideways`).toBe(false);
    expect(await smallTargets(page), `${size.name} small targets`).toEqual([]);
    await page.keyboard.press("Escape");
  }
  await page.setViewportSize(TABLET_SIZES[0]);

  // The draft keeps them across a reload.
  await page.reload();
  await expect(page.getByRole("button", { name: /^Pain before/ })).toHaveAccessibleName("Pain before (back): 7");
  await expect(page.getByRole("button", { name: /^Stress before/ })).toHaveAccessibleName("Stress before: 8");

  // After treatment; a rating can be changed before signing.
  await rate(page, "Pain after (back)", 4);
  await rate(page, "Stress after", 2);
  await rate(page, "Stress after", 3);
  await waitForSaved(page);
  await page.reload();
  await expect(page.getByRole("button", { name: /^Stress after/ })).toHaveAccessibleName("Stress after: 3");

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
  await expect(page.getByRole("button", { name: /^Pain before/ })).toHaveAccessibleName("Pain before (back): not rated");
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
  await expect(page.getByRole("button", { name: /^Pain before/ })).toHaveCount(0);
  await page.getByRole("button", { name: "TMJ", exact: true }).click();
  await rate(page, "Pain before (TMJ)", 6);
  await rate(page, "Pain after (TMJ)", 2);
  await waitForSaved(page);
  await page.reload();
  await expect(page.getByRole("button", { name: /^(✓ )?TMJ$/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: /^Pain after/ })).toHaveAccessibleName("Pain after (TMJ): 2");
  // Tapping the chosen number again clears it.
  await page.getByRole("button", { name: /^Pain after/ }).click();
  await page.getByRole("group", { name: "Pain after (TMJ), 0 to 10" }).getByRole("button", { name: "2", exact: true }).click();
  await expect(page.getByRole("button", { name: /^Pain after/ })).toHaveAccessibleName("Pain after (TMJ): not rated");
  await page.getByRole("button", { name: /^(✓ )?TMJ$/ }).click();
  await expect(page.getByRole("button", { name: /^Pain before/ })).toHaveCount(0);
  await waitForSaved(page);
  await page.reload();
  await expect(page.getByRole("button", { name: /^Pain before/ })).toHaveCount(0);
});
