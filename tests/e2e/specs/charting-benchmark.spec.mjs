// How fast a follow-up CST note is charted "from last session": a script of
// what a therapist does between clients, counting every interaction (a tap,
// or one field typed into) and timing it. Issue target: at most 25.
// Run alone: cd tests/e2e && npx playwright test specs/charting-benchmark.spec.mjs
import { test, expect, createClient, createIntake, setNames, tapRegion } from "../fixtures.mjs";

const TECHNIQUES = [
  "Still point induction (CV-4)",
  "Respiratory diaphragm release",
  "Frontal lift",
  "Parietal lift",
  "Temporal techniques",
];

test("a follow-up CST note from the last session takes at most 25 interactions", async ({ page, site }) => {
  // Setup, not counted: the therapist's name (set once in Settings), the
  // client, their intake and a first signed CST session.
  await setNames(page, site, { yourName: "Ada Byron" });
  await createClient(page, { fullName: "June Park", dateOfBirth: "1968-05-12" });
  await createIntake(page, { consentName: "June Park" });
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  await page.getByLabel("Duration (minutes)").fill("60");
  await page.getByRole("button", { name: "CST", exact: true }).click();
  await page.getByLabel("Head rate, cycles a minute").fill("8");
  await page.getByLabel("Sacrum rate, cycles a minute").fill("7");
  for (const technique of TECHNIQUES) {
    await page.getByRole("button", { name: technique, exact: true }).click();
  }
  for (const row of await page.locator(".technique-row").all()) {
    await row.getByRole("button", { name: "Partial" }).click();
  }
  await page.getByLabel("Subjective: the client's words").fill("Tension headaches 3 a week, jaw tight.");
  await page.getByLabel("Objective: what you observed").fill("Restricted occiput, low amplitude at the head.");
  await page.getByLabel("Assessment: response and change").fill("Partial release at the occiput.");
  await page.getByLabel("Plan: next focus, home care, referrals").fill("Weekly for 4 weeks; jaw relaxation twice a day.");
  await tapRegion(page, "Back of the head (occiput)", 1);
  await page.locator(".mark-sheet").getByRole("button", { name: "Restriction" }).click();
  await page.getByRole("radio", { name: "5" }).click();
  await page.getByRole("button", { name: "Sign note" }).click();
  await expect(page.locator(".status-signed").first()).toBeVisible();
  await page.getByRole("link", { name: "Clients" }).click();

  // The follow-up, counted.
  let taps = 0;
  let typed = 0;
  const tap = async (locator) => {
    taps += 1;
    await locator.click();
  };
  const type = async (locator, text) => {
    typed += 1;
    await locator.fill(text);
  };
  const started = Date.now();
  await tap(page.locator(".client-row", { hasText: "June Park" }));
  await tap(page.getByRole("button", { name: "Start from last session" }));
  await tap(page.getByRole("button", { name: "Nothing changed" }));
  await type(page.getByLabel("Subjective: the client's words"), "Two headaches this week, milder.");
  await type(page.getByLabel("Objective: what you observed"), "Occiput softer; amplitude fuller at the head.");
  await type(page.getByLabel("Assessment: response and change"), "Good release, less guarding than last week.");
  await type(page.getByLabel("Head rate, cycles a minute"), "9");
  for (const row of await page.locator(".technique-row").all()) {
    await tap(row.getByRole("button", { name: "Released" }));
  }
  await type(page.getByLabel("Somato-emotional response"), "Deep sigh and tears during the frontal lift.");
  await type(page.getByLabel("Global improvement the client reports (%)"), "40");
  taps += 1;
  await tapRegion(page, "Back of the head (occiput)", 1);
  await tap(page.getByRole("radio", { name: "3" }));
  await tap(page.getByRole("button", { name: "Sign note" }));
  await expect(page.locator(".status-signed").first()).toBeVisible();
  const elapsed = Date.now() - started;
  const interactions = taps + typed;
  console.log(`follow-up CST note from last session: ${interactions} interactions (${taps} taps, ${typed} fields typed), ${elapsed} ms`);

  // What was carried forward is in the signed note.
  const note = page.locator(".note-body");
  await expect(note).toContainText("Weekly for 4 weeks; jaw relaxation twice a day.");
  await expect(note).toContainText("Head: 9 cycles/min");
  await expect(note).toContainText("Sacrum: 7 cycles/min");
  for (const [index, technique] of TECHNIQUES.entries()) {
    await expect(note).toContainText(`${index + 1}. ${technique} — Released`);
  }
  await expect(note).toContainText("Back of the head (occiput): Restriction 3");
  await expect(note).toContainText("60 minutes");
  expect(interactions).toBeLessThanOrEqual(25);
});
