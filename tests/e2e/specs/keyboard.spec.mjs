// A tablet with a keyboard (issue 15 §2): every shortcut listed in Settings
// works, letters typed into a field stay text, and Esc closes a sheet but
// never discards a draft.
import { test, expect, createClient, createIntake, setNames, tapRegion } from "../fixtures.mjs";

test("shortcuts: / searches, n opens a new client, Ctrl+Enter saves or signs, Esc closes a sheet", async ({ page, site }) => {
  await setNames(page, site, { yourName: "Ada Byron" });
  await page.goto(`${site.url}/settings`);
  await expect(page.locator(".shortcuts")).toContainText("Search clients");
  await expect(page.locator(".shortcuts")).toContainText("Save or sign the form on screen");

  // n: the new-client form; Ctrl+Enter saves it.
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("n");
  await expect(page).toHaveURL(/\/clients\/new$/);
  await page.getByLabel("Full name").fill("June Park");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("heading", { name: "June Park" })).toBeVisible();

  // Letters typed into a field stay text.
  await page.goto(`${site.url}/clients/new`);
  await page.getByLabel("Full name").pressSequentially("Nan/n");
  await expect(page.getByLabel("Full name")).toHaveValue("Nan/n");
  await expect(page).toHaveURL(/\/clients\/new$/);

  // /: the search, from anywhere.
  await page.goto(`${site.url}/today`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.keyboard.press("/");
  await expect(page.locator("#client-search")).toBeFocused();
  await page.keyboard.type("june");
  await expect(page.locator(".client-row")).toHaveText([/June Park/]);

  // Esc closes the body chart's sheet; the draft stays.
  await page.locator(".client-row", { hasText: "June Park" }).click();
  await createIntake(page, { consentName: "June Park" });
  await page.getByRole("button", { name: "Start session" }).click();
  await page.getByRole("button", { name: "Nothing changed" }).click();
  await tapRegion(page, "Back of the head (occiput)", 1);
  await expect(page.locator(".mark-sheet")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator(".mark-sheet")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("heading", { name: /^Session with June Park/ })).toBeVisible();
  await expect(page.locator(".status-draft, .save-state").first()).toBeVisible();
});
