// Accessibility, audited (issue 15 §2): axe-core (the engine behind most
// accessibility checkers) on every main screen, light and dark, landscape
// and portrait. A serious or critical violation fails the test with the
// rule, the element and axe's own explanation.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { test, expect, createClient, createIntake, setNames, setPin, TABLET_SIZES } from "../fixtures.mjs";

const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe's serious and critical findings on the page as it is now, one line
 * each. Evaluated in the page (as the DevTools console runs code), so the
 * app's script policy is left as it is. */
async function seriousViolations(page) {
  const results = await page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source);
    return window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
  }, AXE);
  return results.violations
    .filter((violation) => ["serious", "critical"].includes(violation.impact))
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(" ")} — ${node.failureSummary.split("\n").slice(1, 2).join("")}`),
    );
}

for (const scheme of ["light", "dark"]) {
  test(`every main screen passes axe with no serious or critical violation (${scheme})`, async ({ page, site }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await setNames(page, site, { yourName: "Ada Byron", practiceName: "Stillpoint Studio" });
    await createClient(page, { fullName: "Margaret Ellen Hughes", preferredName: "Meg", dateOfBirth: "1971-06-02" });
    const client = page.url();
    await createIntake(page, {
      conditions: ["Epilepsy or seizures", "Varicose veins"],
      regions: { "Varicose veins": "Left calf" },
      consentName: "Margaret Ellen Hughes",
    });
    await page.getByRole("button", { name: "Start session" }).click();
    await page.getByRole("button", { name: "Nothing changed" }).click();
    await page.getByLabel("Why is it safe to go on?").fill("Seizure-free for six years; her GP agrees.");
    await page.getByRole("button", { name: "Go on despite this alert" }).click();
    await page.getByRole("button", { name: "CST", exact: true }).click();
    const session = page.url();
    const screens = [
      ["client list", `${site.url}/clients`],
      ["client record", client],
      ["new client", `${site.url}/clients/new`],
      ["intake", `${client}/intake`],
      ["session being charted", session],
      ["treatment plan", `${client}/plan`],
      ["progress", `${client}/progress`],
      ["today", `${site.url}/today`],
      ["sync and backup", `${site.url}/sync`],
      ["settings", `${site.url}/settings`],
      ["screening rules", `${site.url}/settings/screening-rules`],
      ["self-care plan", `${client}/self-care`],
      ["self-care library", `${site.url}/self-care/library`],
      ["practice outcomes", `${site.url}/outcomes`],
      ["new instrument", `${site.url}/instruments/new`],
    ];
    const found = [];
    for (const size of TABLET_SIZES) {
      await page.setViewportSize(size);
      for (const [name, address] of screens) {
        await page.goto(address);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        found.push(...(await seriousViolations(page)).map((line) => `${size.name} ${name}: ${line}`));
      }
    }
    expect(found, found.join("\n")).toEqual([]);
  });
}

test("the view handed to a client passes axe too, light and dark, at both sizes", async ({ page, site }) => {
  await page.goto(site.url);
  await createClient(page, { fullName: "Dora Quist" });
  const client = page.url();
  await page.goto(`${client}/self-care`);
  await page.getByRole("button", { name: "New plan" }).click();
  await page.getByRole("button", { name: "Add Longer out-breath", exact: true }).click();
  await page.getByLabel("Message to the client").fill("Breathe out slowly.");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.locator(".care-current")).toBeVisible();
  await setPin(page, site, "2468");
  await page.goto(client);
  await page.getByRole("button", { name: "Hand to client" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Your self-care plan" })).toBeVisible();
  const found = [];
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of TABLET_SIZES) {
      await page.setViewportSize(size);
      found.push(...(await seriousViolations(page)).map((line) => `${scheme} ${size.name}: ${line}`));
    }
  }
  expect(found, found.join("\n")).toEqual([]);
});

test("the client's phone app passes axe too, light and dark: its start and the plan with the day's form", async ({ browser, site }) => {
  test.setTimeout(120_000);
  const plan = (await readFile(new URL("../fixtures/care-plan.json", import.meta.url), "utf8"));
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme });
    const phone = await context.newPage();
    await phone.goto(`${site.url}/phone/`);
    await expect(phone.getByRole("heading", { name: "Open my self-care plan" })).toBeVisible();
    expect(await seriousViolations(phone), `start (${scheme})`).toEqual([]);
    await phone.getByLabel("Choose my plan file…").setInputFiles({
      name: "self-care-plan.json",
      mimeType: "application/json",
      buffer: Buffer.from(plan),
    });
    await expect(phone.getByRole("heading", { level: 1, name: "Your self-care plan" })).toBeVisible();
    expect(await seriousViolations(phone), `plan and day form (${scheme})`).toEqual([]);
    await context.close();
  }
});
