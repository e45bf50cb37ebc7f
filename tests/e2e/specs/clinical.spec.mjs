// The clinical record from a therapist's side: intake and screening, the
// alert gate at session start, the body chart, autosaved drafts, signing,
// amendments, bad input, print, and the Today page.
import { test, expect, createClient, createIntake, drawSignature, setNames, tapRegion, waitForSaved } from "../fixtures.mjs";

test("an intake contraindication shows at session start, and going on needs a reason", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Ruth Ellis", dateOfBirth: "1975-04-09" });
  await expect(page.locator(".intake-status")).toContainText("No intake on file");
  await expect(page.getByRole("link", { name: "New intake" })).toHaveClass(/primary/);

  await createIntake(page, { conditions: ["Cerebral aneurysm"], consentName: "Ruth Ellis" });
  await expect(page.locator(".intake-status")).toContainText("is current");
  const alert = page.locator(".alert", { hasText: "Cerebral aneurysm" });
  await expect(alert.locator(".alert-level")).toHaveText("Do not treat: needs medical clearance");
  await expect(alert.locator(".alert-level svg")).toHaveCount(1);

  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  await waitForSaved(page);
  await expect(page.getByText("Before you start")).toBeVisible();
  await expect(page.locator(".alert", { hasText: "Cerebral aneurysm" })).toBeVisible();
  await expect(page.getByLabel("Subjective: the client's words")).toHaveCount(0);

  await page.getByLabel("Decided by").fill("Ada Byron");
  await page.getByRole("button", { name: "Go on despite this alert" }).click();
  await expect(page.locator("#override-0-message")).toContainText("Write why it is safe to go on");
  await page.reload();
  await expect(page.getByText("Before you start"), "a refused override saved nothing").toBeVisible();

  await page.getByLabel("Decided by").fill("Ada Byron");
  await page.getByLabel("Why is it safe to go on?").fill("Cleared by her neurologist on 3 Nov");
  await page.getByRole("button", { name: "Go on despite this alert" }).click();
  await expect(page.getByLabel("Subjective: the client's words")).toBeVisible();
  await expect(page.locator(".decision")).toContainText("Cleared by her neurologist on 3 Nov");
  await waitForSaved(page);
  await page.reload();
  await expect(page.locator(".decision")).toContainText("“Cleared by her neurologist on 3 Nov” — Ada Byron");
  await expect(page.getByText("Before you start")).toHaveCount(0);
});

test("body-chart marks are saved and shown after a reload; local alerts pre-mark areas to avoid", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Tom Hale" });
  await createIntake(page, { conditions: ["Varicose veins"], regions: { "Varicose veins": "Left calf" }, consentName: "Tom Hale" });
  await expect(page.locator(".alert", { hasText: "Varicose veins" })).toContainText("Local: avoid this area");
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  await expect(page.locator('path[data-region="Left calf"]')).toHaveClass(/mark-avoid/);

  await tapRegion(page, "Left shoulder");
  await expect(page.getByRole("heading", { name: "Left shoulder" })).toBeFocused();
  await page.locator(".mark-sheet").getByRole("radio", { name: "6" }).click();
  await waitForSaved(page);

  await page.getByText("All regions as a list").click();
  await page.getByRole("button", { name: "Sacrum" }).click();
  await expect(page.getByRole("heading", { name: "Sacrum" })).toBeFocused();
  await page.locator(".mark-sheet").getByRole("button", { name: "Restriction" }).click();
  await page.locator(".mark-sheet").getByRole("radio", { name: "3" }).click();
  await waitForSaved(page);

  await page.reload();
  const shoulder = page.locator('path[data-region="Left shoulder"]').first();
  await expect(shoulder).toHaveClass(/mark-pain/);
  await expect(page.locator(".mark-number", { hasText: "6" }).first()).toBeVisible();
  await expect(page.locator('path[data-region="Sacrum"]')).toHaveClass(/mark-restriction/);
  await expect(page.locator(".chart-summary")).toContainText("Left shoulder: Pain 6");
  await expect(page.locator(".chart-summary")).toContainText("Sacrum: Restriction 3");
  await expect(page.locator(".chart-summary")).toContainText("Left calf: Avoid");

  // A mark comes off again from the sheet.
  await tapRegion(page, "Left shoulder");
  await page.getByRole("button", { name: "Remove pain" }).click();
  await waitForSaved(page);
  await page.reload();
  await expect(page.locator(".chart-summary")).not.toContainText("Left shoulder");
});

test("a session draft survives a reload and a killed tab, and Today lists it", async ({ page, context, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Iris Moor" });
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  await expect(page.locator(".status-draft").first()).toHaveText("Draft — not signed");
  await page.getByRole("button", { name: "CST", exact: true }).click();
  await page.getByLabel("Subjective: the client's words").fill("Headache eased since Tuesday.");
  await page.getByLabel("Head rate, cycles a minute").fill("7.5");
  await page.getByRole("button", { name: "Frontal lift", exact: true }).click();
  await page.getByRole("button", { name: "Released" }).click();
  await waitForSaved(page);
  const address = page.url();

  await page.reload();
  await expect(page.getByLabel("Subjective: the client's words")).toHaveValue("Headache eased since Tuesday.");
  await expect(page.getByLabel("Head rate, cycles a minute")).toHaveValue("7.5");
  await expect(page.locator(".technique-row")).toContainText("Frontal lift");
  await expect(page.getByRole("button", { name: "Released" })).toHaveAttribute("aria-pressed", "true");

  await page.getByLabel("Objective: what you observed").fill("Guarding at the occiput.");
  await waitForSaved(page);
  await page.close();
  const again = await context.newPage();
  await again.goto(address);
  await expect(again.getByLabel("Objective: what you observed")).toHaveValue("Guarding at the occiput.");

  await again.getByRole("link", { name: "Today" }).click();
  await expect(again.getByRole("heading", { name: "Not signed yet" })).toBeVisible();
  await expect(again.locator(".session-row.is-draft")).toContainText("Iris Moor");
  await again.locator(".session-row.is-draft").click();
  await expect(again.getByLabel("Subjective: the client's words")).toHaveValue("Headache eased since Tuesday.");
});

test("signing names what is missing; a signed note is read-only and an amendment keeps the original beside it", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Noor Haddad" });
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  await page.getByRole("button", { name: "Sign note" }).click();
  const missing = page.locator("#sign-missing");
  await expect(missing).toContainText("Enter how long the session lasted.");
  await expect(missing).toContainText("Choose at least one modality.");
  await expect(missing).toContainText("Write the plan for next time.");
  await expect(missing).toContainText("Enter your name to sign the note.");
  await expect(page.locator(".status-draft").first()).toBeVisible();

  await page.getByLabel("Duration (minutes)").fill("60");
  await page.getByRole("button", { name: "Swedish", exact: true }).click();
  await page.locator("#session-massage-areas").selectOption({ label: "Left upper back and shoulder blade" });
  await page.getByLabel("Subjective: the client's words").fill("Stiff after gardening.");
  await page.getByLabel("Objective: what you observed").fill("Tight left rhomboids.");
  await page.getByLabel("Assessment: response and change").fill("Eased with effleurage.");
  await page.getByLabel("Plan: next focus, home care, referrals").fill("Stretch the right side daily.");
  await expect(missing).toContainText("Enter your name to sign the note.");
  await expect(missing).not.toContainText("Write the plan");
  await page.getByLabel("Signed by").fill("Ada Byron");
  await page.getByRole("button", { name: "Sign note" }).click();

  await expect(page.locator(".status-signed").first()).toHaveText("Signed");
  await expect(page.locator("textarea, input")).toHaveCount(0);
  await expect(page.locator(".note-body")).toContainText("Stretch the right side daily.");

  await page.getByRole("button", { name: "Amend…" }).click();
  await page.getByLabel("Plan", { exact: true }).fill("Stretch the left side daily.");
  await page.getByRole("button", { name: "Save amendment" }).click();
  await expect(page.locator("#amend-reason-message")).toContainText("Say why the note is amended");
  await page.getByLabel("Reason for the amendment").fill("Wrong side recorded");
  await page.getByLabel("Amended by").fill("Ada Byron");
  await page.getByRole("button", { name: "Save amendment" }).click();

  const plan = page.locator(".note-text", { has: page.getByRole("heading", { name: "Plan" }) });
  await expect(plan.locator(".revision.original")).toContainText("Stretch the right side daily.");
  await expect(plan.locator(".revision:not(.original)")).toContainText("Stretch the left side daily.");
  await expect(plan.locator(".revision:not(.original) .revision-label")).toContainText("Wrong side recorded");
  await page.reload();
  await expect(plan.locator(".revision.original")).toContainText("Stretch the right side daily.");
  await expect(plan.locator(".revision:not(.original)")).toContainText("Stretch the left side daily.");

  await page.getByRole("link", { name: "Today" }).click();
  await expect(page.getByRole("heading", { name: "Signed today" })).toBeVisible();
  await expect(page.locator(".session-row", { hasText: "Noor Haddad" })).toContainText("Signed");
});

test("bad input is refused beside its field and nothing is saved", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Eli Brandt" });
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  const today = await page.getByLabel("Date", { exact: true }).inputValue();
  await page.getByRole("button", { name: "CST", exact: true }).click();
  await waitForSaved(page);

  const cases = [
    ["Duration (minutes)", "-5", "#session-duration-message", "The duration can't be negative."],
    ["Date", "2999-01-01", "#session-date-message", "The session date can't be in the future."],
    ["Head rate, cycles a minute", "0", "", "Rates from 1 to 30 cycles a minute can be recorded: check the count."],
    ["Head rate, cycles a minute", "200", "", "Rates from 1 to 30 cycles a minute can be recorded: check the count."],
    ["Global improvement the client reports (%)", "140", "#session-improvement-message", "Use a whole number from 0 to 100."],
  ];
  for (const [label, value, message, text] of cases) {
    const field = page.getByLabel(label, { exact: true });
    await field.fill(value);
    await field.blur();
    const shown = message ? page.locator(message) : page.locator(".rhythm-row .field-message");
    await expect(shown).toHaveText(text);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(".save-state")).toContainText("Not saved");
    await page.reload();
    await expect(page.getByLabel(label, { exact: true }), `${label} ${value} was not saved`).toHaveValue(label === "Date" ? today : "");
  }

  // Pain is a row of eleven buttons: 11 cannot be entered, by tap or key.
  await tapRegion(page, "Left knee");
  const intensity = page.getByRole("radiogroup", { name: "Pain intensity" });
  await expect(intensity.getByRole("radio")).toHaveCount(11);
  await intensity.getByRole("radio", { name: "10" }).click();
  await intensity.getByRole("radio", { name: "10" }).press("ArrowRight");
  await expect(intensity.getByRole("radio", { name: "10" })).toHaveAttribute("aria-checked", "true");

  // The intake refuses a future date and a phone number that isn't one.
  await page.getByRole("link", { name: "Eli Brandt" }).click();
  await page.getByRole("link", { name: "New intake" }).click();
  await page.getByLabel("Intake date").fill("2999-01-01");
  await page.getByLabel("Phone").focus();
  await expect(page.locator("#intake-date-message")).toHaveText("This date is in the future.");
  await page.getByLabel("Phone").fill("call me");
  await page.getByLabel("What the client hopes treatment will do").focus();
  await expect(page.locator("#intake-contact-phone-message")).toHaveText("Use digits, spaces and + - ( ) only, with at least 5 digits.");
  await page.getByRole("button", { name: "Save intake" }).click();
  await expect(page.locator(".form-summary")).toContainText("need attention");
  await expect(page.getByLabel("Intake date")).toBeFocused();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.locator(".intake-status")).toContainText("No intake on file");
});

test("intakes are dated and versioned, and an old one asks for renewal", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Sam Okafor", dateOfBirth: "1990-01-01" });
  await createIntake(page, { date: "2024-03-01", conditions: ["Epilepsy or seizures"], consentName: "Sam Okafor" });
  await expect(page.locator(".intake-status")).toContainText("is over 12 months old");
  await expect(page.getByRole("link", { name: "New intake" })).toHaveClass(/primary/);
  await expect(page.getByRole("button", { name: "Start session" })).not.toHaveClass(/primary/);

  await page.getByRole("link", { name: "New intake" }).click();
  await expect(page.getByRole("button", { name: "Epilepsy or seizures" }), "a new intake starts from the last").toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Epilepsy or seizures" }).click();
  await page.getByLabel("Name of the person consenting").fill("Sam Okafor");
  await drawSignature(page);
  await page.getByRole("button", { name: "Save intake" }).click();
  await expect(page.locator(".intake-status")).toContainText("is current");
  await expect(page.locator(".link-list li")).toHaveCount(2);
  await expect(page.locator(".alert")).toHaveCount(0);

  await page.locator(".link-list a").last().click();
  await expect(page.locator(".intake-summary")).toContainText("Epilepsy or seizures");
  await expect(page.locator(".signature-shown path")).toHaveAttribute("d", /^M \d+ \d+ L/);
});

test("a signed note and a whole record print cleanly", async ({ page, site }) => {
  await setNames(page, site, { practiceName: "Quiet Hands Bodywork" });
  await createClient(page, { fullName: "Lena Fisher" });
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  await page.getByLabel("Duration (minutes)").fill("45");
  await page.getByRole("button", { name: "Other", exact: true }).click();
  await page.getByLabel("Other modality").fill("Reflexology");
  for (const label of ["Subjective: the client's words", "Objective: what you observed", "Assessment: response and change", "Plan: next focus, home care, referrals"]) {
    await page.getByLabel(label).fill(`${label.split(":")[0]} text`);
  }
  await page.getByLabel("Signed by").fill("Ada Byron");
  await page.getByRole("button", { name: "Sign note" }).click();
  await expect(page.locator(".status-signed").first()).toBeVisible();

  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.getByRole("button", { name: "Print" }).click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".print-header")).toContainText("Quiet Hands Bodywork");
  await expect(page.locator(".nav")).toBeHidden();
  await expect(page.locator(".bottom-actions")).toBeHidden();
  const colours = await page.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.documentElement).backgroundColor]);
  expect(colours).toEqual(["rgb(0, 0, 0)", "rgb(255, 255, 255)"]);
  await page.emulateMedia({ media: "screen" });

  await page.getByRole("link", { name: "Lena Fisher" }).click();
  await page.getByRole("link", { name: "Print record" }).click();
  await expect(page.getByRole("heading", { name: "Client record: Lena Fisher" })).toBeVisible();
  await expect(page.locator(".print-block")).toContainText("Reflexology");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".print-header")).toContainText("Quiet Hands Bodywork");
  await expect(page.locator(".nav")).toBeHidden();
});

test("a rule of the therapist's own raises its alert, and can be removed", async ({ page, site }) => {
  await page.goto(`${site.url}/settings`);
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.locator("#rule-name-message")).toHaveText("Give the rule a name: it is what the alert will say.");
  await page.getByLabel("What the alert says").fill("Migraine: no cranial work today");
  await page.getByRole("button", { name: "Do not treat", exact: true }).click();
  await page.getByRole("button", { name: "CST", exact: true }).click();
  await page.getByLabel("…or mentions this word or phrase").fill("migraine");
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(page.locator(".rule-editor .alert")).toContainText("Migraine: no cranial work today");
  await expect(page.locator(".rule-editor .alert")).toContainText("Mentions “migraine”");

  await page.getByRole("link", { name: "Clients" }).click();
  await createClient(page, { fullName: "Mia Wong" });
  await page.getByRole("link", { name: "New intake" }).click();
  await page.getByLabel("Anything else about the client's health").fill("Migraine about once a month.");
  await page.getByLabel("Name of the person consenting").fill("Mia Wong");
  await drawSignature(page);
  await page.getByRole("button", { name: "Save intake" }).click();
  const alert = page.locator(".alert", { hasText: "Migraine: no cranial work today" });
  await expect(alert).toContainText("Do not treat: needs medical clearance");
  await expect(alert).toContainText("Health history notes");

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Remove “Migraine: no cranial work today”" }).click();
  await expect(page.getByText("None yet: only the built-in list is used.")).toBeVisible();
  await page.getByRole("link", { name: "Clients" }).click();
  await page.locator(".client-row", { hasText: "Mia Wong" }).click();
  await expect(page.getByText("No contraindications from the intake.")).toBeVisible();
});

test("the intake form is kept as a draft while typing; a technique of one's own joins the chips", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Kai Berg" });
  await page.getByRole("link", { name: "New intake" }).click();
  await page.getByLabel("What the client hopes treatment will do").fill("Sleep through the night.");
  await expect(page.getByText("Draft saved on this device.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("What the client hopes treatment will do")).toHaveValue("Sleep through the night.");
  await expect(page.getByText("Restored what you typed earlier.")).toBeVisible();

  await page.locator(".back-link").click();
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  await page.getByRole("button", { name: "CST", exact: true }).click();
  await page.getByLabel("Add your own technique").fill("frontal lift");
  await page.getByRole("button", { name: "Add technique" }).click();
  await expect(page.locator("#new-technique-message")).toHaveText("“Frontal lift” is already on the list.");
  await page.getByLabel("Add your own technique").fill("Occipital cradle");
  await page.getByRole("button", { name: "Add technique" }).click();
  await expect(page.getByRole("button", { name: "Occipital cradle" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".technique-row")).toContainText("Occipital cradle");
  await waitForSaved(page);
  await page.reload();
  await expect(page.getByRole("button", { name: "Occipital cradle" })).toHaveAttribute("aria-pressed", "true");
  const chips = await page.getByRole("group", { name: "Techniques" }).getByRole("button").allTextContents();
  expect(chips[0]).toContain("Still point induction (CV-4)");
  expect(chips.at(-1)).toContain("Occipital cradle");
});

test("a minor's intake needs a parent or guardian to consent", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Leo Grant", dateOfBirth: "2015-08-20" });
  await page.getByRole("link", { name: "New intake" }).click();
  await expect(page.locator(".consent")).toContainText("The client is under 18: a parent or guardian gives consent.");
  await page.getByLabel("Name of the person consenting").fill("Leo Grant");
  await drawSignature(page);
  await page.getByRole("button", { name: "Save intake" }).click();
  await expect(page.locator("#intake-consent-name-message")).toHaveText(
    "The client is under 18 on the intake date: a parent or guardian must give consent.",
  );
  await page.getByRole("button", { name: "A parent or guardian consents" }).click();
  await page.getByRole("button", { name: "Save intake" }).click();
  await expect(page.locator("#intake-guardian-relationship-message")).toContainText("Say how the guardian is related");
  await page.getByLabel("Guardian's relationship to the client").fill("mother");
  await page.getByLabel("Name of the person consenting").fill("Hannah Grant");
  await page.getByRole("button", { name: "Save intake" }).click();
  await expect(page.locator(".intake-status")).toContainText("is current");
  await page.locator(".link-list a").first().click();
  await expect(page.locator(".intake-summary")).toContainText("Hannah Grant (the client's mother)");
});
