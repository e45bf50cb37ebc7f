// Dates and times in the device's locale (issue 15 §4), never ISO: the same
// record reads "May 12, 1968" on an American tablet, "12 May 1968" on a
// British one and "12.05.1968" on a German one, and a session's start time
// is 12- or 24-hour as the device writes it.
import { test, expect, createClient, createIntake } from "../fixtures.mjs";

const LOCALES = [
  { locale: "en-US", birth: "May 12, 1968", start: "2:05 PM" },
  { locale: "en-GB", birth: "12 May 1968", start: "14:05" },
  { locale: "de-DE", birth: "12.05.1968", start: "14:05" },
];

for (const { locale, birth, start } of LOCALES) {
  test(`dates and times read as the device writes them (${locale})`, async ({ browser, site }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(site.url);
    await createClient(page, { fullName: "June Park", dateOfBirth: "1968-05-12" });
    await expect(page.locator(".client-detail")).toContainText(`${birth} (`);
    await expect(page.locator(".client-detail")).not.toContainText("1968-05-12");

    await createIntake(page, { consentName: "June Park" });
    await page.getByRole("button", { name: "Start session" }).click();
    await page.getByRole("button", { name: "Nothing changed" }).click();
    await page.getByLabel("Start time").fill("14:05");
    await page.getByLabel("Duration (minutes)").fill("60");
    await page.getByRole("button", { name: "CST", exact: true }).click();
    await page.getByRole("button", { name: "Frontal lift", exact: true }).click();
    await page.locator(".technique-row").getByRole("button", { name: "Released" }).click();
    await page.getByLabel("Subjective: the client's words").fill("Jaw tight.");
    await page.getByLabel("Objective: what you observed").fill("Restricted occiput.");
    await page.getByLabel("Assessment: response and change").fill("Good release.");
    await page.getByLabel("Plan: next focus, home care, referrals").fill("Weekly.");
    await page.getByLabel("Signed by").fill("Ada Byron");
    await page.getByRole("button", { name: "Sign note" }).click();
    await expect(page.locator(".status-signed").first()).toBeVisible();
    await expect(page.locator(".detail-row", { hasText: "Start time" }).locator("dd")).toHaveText(start);
    await context.close();
  });
}

// Names in the order of the device's language (Intl.Collator): Swedish puts
// Å after Z, English reads it as A; digits count as numbers in both.
const ORDERS = [
  { locale: "en-US", order: [/Åsa Berg/, /Emma Lind/, /Zoë Holm/] },
  { locale: "sv-SE", order: [/Emma Lind/, /Zoë Holm/, /Åsa Berg/] },
];

for (const { locale, order } of ORDERS) {
  test(`the client list is in the order of the device's language (${locale})`, async ({ browser, site }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(site.url);
    for (const fullName of ["Zoë Holm", "Åsa Berg", "Emma Lind"]) {
      await page.goto(`${site.url}/clients`);
      await createClient(page, { fullName });
    }
    await page.goto(`${site.url}/clients`);
    await expect(page.locator(".client-row .client-name")).toHaveText(order);
    await context.close();
  });
}
