// Clinical safety: the "since last time" re-check at session start (one tap
// when nothing changed; a change screened for that day and kept in the
// note), the printable screening rules page, and the self-care composer's
// flag on items the client's alerts advise against.
import { mkdir } from "node:fs/promises";
import {
  test,
  expect,
  createClient,
  createIntake,
  scrollsSideways,
  setNames,
  smallTargets,
  TABLET_SIZES,
} from "../fixtures.mjs";

const OUT = new URL("../../../target/screenshots/", import.meta.url).pathname;

test("since last time: one tap when nothing changed; a new fever stops massage that day and is in the signed note; a new anticoagulant asks for caution", async ({ page, site }) => {
  await setNames(page, site, { yourName: "Ada Byron" });
  await createClient(page, { fullName: "Lena Ortiz" });
  await createIntake(page, { consentName: "Lena Ortiz" });

  // Nothing changed: one tap, and the form opens.
  await page.getByRole("button", { name: "Start session" }).click();
  await expect(page.getByRole("heading", { name: "Since last time" })).toBeVisible();
  await expect(page.getByLabel("Subjective: the client's words")).toHaveCount(0);
  await page.getByRole("button", { name: "Nothing changed" }).click();
  await expect(page.getByLabel("Subjective: the client's words")).toBeVisible();
  await expect(page.getByRole("button", { name: "Nothing changed" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Discard…" }).click();
  await page.getByRole("button", { name: "Discard draft" }).click();

  // A fever since last time: massage do-not-treat and CST caution at once.
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Something changed" }).click();
  await page.getByRole("button", { name: "Fever", exact: true }).click();
  const fever = page.locator(".alert", { hasText: "Fever or acute systemic infection" });
  await expect(fever.locator(".alert-level")).toHaveText("Do not treat: needs medical clearance");
  await expect(fever).toContainText("Since last time: Fever");
  await expect(fever.locator(".alert-advice")).toHaveText("What to do: Reschedule until the fever or infection has passed.");
  await expect(page.locator(".alert", { hasText: "Fever or acute infection" })).toContainText("Caution");
  await expect(page.getByRole("link", { name: "Take a new intake" }), "a fever passes").toHaveCount(0);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Subjective: the client's words"), "the alerts still need reasons").toHaveCount(0);
  for (let left = 2; left > 0; left -= 1) {
    await page.getByLabel("Why is it safe to go on?").first().fill("Fever gone since yesterday; short, gentle session");
    await page.getByRole("button", { name: "Go on despite this alert" }).first().click();
    await expect(page.getByRole("button", { name: "Go on despite this alert" })).toHaveCount(left - 1);
  }
  await page.getByLabel("Duration (minutes)").fill("30");
  await page.getByRole("button", { name: "Swedish", exact: true }).click();
  await page.locator("#session-massage-areas").selectOption({ label: "Left upper back and shoulder blade" });
  await page.getByLabel("Subjective: the client's words").fill("Had a fever on Monday.");
  await page.getByLabel("Objective: what you observed").fill("Warm, tired.");
  await page.getByLabel("Assessment: response and change").fill("Relaxed.");
  await page.getByLabel("Plan: next focus, home care, referrals").fill("Rest.");
  await page.getByRole("button", { name: "Sign note" }).click();
  await expect(page.locator(".status-signed").first()).toHaveText("Signed");
  await expect(page.locator(".since-summary")).toHaveText("Since last time: Fever.");
  await page.getByRole("link", { name: "Lena Ortiz" }).click();

  // A new anticoagulant, named: a caution with what to do, and a new intake offered.
  await page.getByRole("button", { name: "Blank session" }).click();
  await page.getByRole("button", { name: "Something changed" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#session-since-last-time")).toContainText("Say what changed");
  await page.getByRole("button", { name: "Add a medication" }).click();
  await page.getByLabel("Medication name").fill("Eliquis 5 mg");
  const thinner = page.locator(".alert", { hasText: "anticoagulant" });
  await expect(thinner.locator(".alert-level")).toHaveText("Caution");
  await expect(thinner).toContainText("Since last time: Medication: Eliquis 5 mg (apixaban)");
  await expect(thinner).toContainText("What to do: Lighter pressure, no deep work, watch for bruising.");
  await expect(page.getByRole("link", { name: "Take a new intake" })).toBeVisible();
});

test("the screening rules page lists Chiari as CST do-not-treat with its source, and the therapist's own rule", async ({ page, site }) => {
  await mkdir(OUT, { recursive: true });
  await page.goto(`${site.url}/settings`);
  await page.getByLabel("What the alert says").fill("Asks for no oil on the face");
  await page.getByRole("button", { name: "Check with the client", exact: true }).click();
  await page.getByLabel("…or mentions this word or phrase").fill("face oil");
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.locator(".rule-editor .alert")).toContainText("Check with the client");
  await page.getByRole("link", { name: "Screening rules: the full list" }).click();
  await expect(page).toHaveURL(/\/settings\/screening-rules$/);
  await expect(page.getByRole("heading", { level: 1, name: "Screening rules" })).toBeVisible();

  const chiari = page.locator(".rule-card", { hasText: "Chiari malformation" });
  await expect(chiari.locator(".alert-level")).toHaveText("Do not treat: needs medical clearance");
  await expect(chiari.locator(".detail-row", { hasText: "Treatment" })).toContainText("CST");
  await expect(chiari).toContainText("At any time");
  await expect(chiari).toContainText("Upledger Institute");
  const own = page.locator(".rule-card", { hasText: "Asks for no oil on the face" });
  await expect(own).toContainText("Mentions “face oil”");
  await expect(own).toContainText("Your own rule");
  await expect(own.locator(".alert-level")).toHaveText("Check with the client");

  await page.reload();
  await expect(own).toBeVisible();
  for (const size of TABLET_SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    expect(await scrollsSideways(page), `sideways scroll at ${size.name}`).toBe(false);
    expect(await smallTargets(page), `small targets at ${size.name}`).toEqual([]);
    await page.screenshot({ path: `${OUT}screening-rules-${size.name}.png` });
  }
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".nav")).toBeHidden();
  await expect(page.locator(".print-header")).toBeVisible();
});

test("the composer flags still-point practice for a recent head injury and adds it only after a confirming tap", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Omar Said" });
  const id = page.url().split("/").pop();
  await createIntake(page, { conditions: ["Concussion or head injury"], consentName: "Omar Said" });
  await page.goto(`${site.url}/clients/${id}/self-care`);
  await page.getByRole("button", { name: "New plan" }).click();
  const add = page.getByRole("button", { name: "Add Still-point practice with a tool", exact: true });
  await expect(add).toContainText("Not with: Recent skull fracture, concussion or serious head injury");
  await add.click();
  await expect(page.getByText("Add it anyway?")).toBeVisible();
  await expect(page.locator(".care-form-items")).not.toContainText("Still-point practice with a tool");
  await page.getByRole("button", { name: "Don't add" }).click();
  await expect(page.getByText("Add it anyway?")).toHaveCount(0);
  await add.click();
  await page.getByRole("button", { name: "Add anyway" }).click();
  await expect(add).toBeDisabled();
  await expect(page.getByRole("button", { name: "Add Belly breathing", exact: true })).not.toContainText("Not with");
});
