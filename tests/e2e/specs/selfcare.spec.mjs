// Self-care on the therapist's tablet (issue 6): composing a plan from the
// library (an adapted item, a goal link, reordering), its history and the
// unsaved form surviving a reload; the handout and plan file of two clients
// parsed (self-contained, no other client's data); the library's edits,
// restores and own items; the PIN, "Hand to client" and the three ways out
// that must stay locked, the wait after five wrong tries; and adherence
// from a diary in the store. Screenshots go to target/screenshots/.
import { mkdir, readFile } from "node:fs/promises";
import {
  test, expect, createClient, scrollsSideways, setBackPainPlan, setPin, smallTargets, TABLET_SIZES,
} from "../fixtures.mjs";

const OUT = new URL("../../../target/screenshots/", import.meta.url).pathname;

async function newClient(page, site, fullName) {
  await page.goto(site.url);
  await createClient(page, { fullName });
  return page.url().split("/").pop();
}

/** Composes and saves a plan of `titles` from the library for client `id`. */
async function composePlan(page, site, id, titles, message = "") {
  await page.goto(`${site.url}/clients/${id}/self-care`);
  await page.getByRole("button", { name: "New plan" }).click();
  for (const title of titles) await page.getByRole("button", { name: `Add ${title}`, exact: true }).click();
  if (message) await page.getByLabel("Message to the client").fill(message);
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.locator(".care-current")).toBeVisible();
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

test("a plan is composed from library items, adapted, linked to a goal, saved and kept in history", async ({ page, site }) => {
  const id = await newClient(page, site, "Anna Berg");
  await setBackPainPlan(page, site, id, { description: "Garden without pain", target: 3 });
  await page.goto(`${site.url}/clients/${id}`);
  await page.getByRole("link", { name: "Self-care plan" }).click();
  await expect(page.getByText("No self-care plan yet.")).toBeVisible();

  await page.getByRole("button", { name: "New plan" }).click();
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.locator(".form-summary")).toContainText("Add at least one item");
  await page.getByRole("button", { name: "Add Chin tucks", exact: true }).click();
  await page.getByRole("button", { name: "Add Belly breathing", exact: true }).click();
  await page.getByRole("button", { name: "Add Warm pack for tight muscles", exact: true }).click();
  await expect(page.getByRole("button", { name: "Add Chin tucks", exact: true })).toBeDisabled();
  await page.getByRole("button", { name: "Remove Warm pack for tight muscles" }).click();
  await page.getByRole("button", { name: "Move Belly breathing up" }).click();
  await expect(page.locator(".care-item-editor > legend")).toHaveText(["1. Belly breathing", "2. Chin tucks"]);

  // Adapt the chin tucks for this client and tie them to her goal.
  const chin = page.locator("#care-item-1");
  await chin.getByLabel("How long each time").fill("10 slow repeats");
  await chin.locator("#care-item-1-times").selectOption("2");
  await chin.getByRole("button", { name: "Garden without pain" }).click();
  await expect(chin.getByRole("button", { name: "Garden without pain" })).toHaveAttribute("aria-pressed", "true");
  await chin.getByLabel("Title").fill("");
  await page.getByLabel("Message to the client").fill("Little and often. See you in two weeks.");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.locator("#care-item-1-title-message")).toContainText("Give the item a short title");
  await chin.getByLabel("Title").fill("Chin tucks at the desk");
  await page.getByRole("button", { name: "Save plan" }).click();

  const current = page.locator(".care-current");
  await expect(current.locator(".care-item-card h3")).toHaveText(["Belly breathing", "Chin tucks at the desk"]);
  await expect(current.locator(".care-item-card").nth(1)).toContainText("Twice a day · 10 slow repeats");
  await expect(current.locator(".care-item-card").nth(1)).toContainText("Helps with: Garden without pain");
  await expect(current).toContainText("Little and often.");
  await page.reload();
  await expect(current.locator(".care-item-card h3")).toHaveText(["Belly breathing", "Chin tucks at the desk"]);

  // The next plan starts from this one; an unsaved form survives a reload.
  await page.getByRole("button", { name: "New plan" }).click();
  await expect(page.locator(".care-item-editor > legend")).toHaveText(["1. Belly breathing", "2. Chin tucks at the desk"]);
  await page.getByRole("button", { name: "Remove Belly breathing" }).click();
  await page.getByLabel("Message to the client").fill("Now just the chin tucks.");
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.getByText("This is the plan you started earlier; it is not saved yet.")).toBeVisible();
  await expect(page.getByLabel("Message to the client")).toHaveValue("Now just the chin tucks.");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(current.locator(".care-item-card h3")).toHaveText(["Chin tucks at the desk"]);
  await page.reload();
  const history = page.locator(".care-history .history-item");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText("current");
  await expect(history.nth(1)).toContainText("replaced");
  await expect(history.nth(1)).toContainText("Belly breathing · Chin tucks at the desk");
  expect(await scrollsSideways(page)).toBe(false);
});

test("the handout and plan file hold one client's plan, self-contained", async ({ page, site, browser }) => {
  await mkdir(OUT, { recursive: true });
  const anna = await newClient(page, site, "Anna Maria Berg");
  await setBackPainPlan(page, site, anna, { description: "Garden without pain", target: 3 });
  const bram = await newClient(page, site, "Bram Visser");
  await page.goto(`${site.url}/settings`);
  await page.getByLabel("Your name").fill("Sam Therapist");
  await page.getByLabel("Practice name").focus();
  await expect(page.getByRole("status")).toContainText("Saved.");

  await composePlan(page, site, anna, ["Chin tucks", "Belly breathing"], "See you <soon> & well.");
  const annaHandout = await download(page, "Download handout");
  const annaPlan = await download(page, "Export plan file");
  await composePlan(page, site, bram, ["Cold pack after a flare-up"]);
  const bramHandout = await download(page, "Download handout");

  expect(annaHandout.name).toMatch(/^self-care-plan-\d{4}-\d{2}-\d{2}\.html$/);
  for (const { text } of [annaHandout, bramHandout]) {
    expect(text.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(text).not.toMatch(/http/i);
    expect(text).not.toContain("//");
    expect(text).not.toMatch(/src\s*=/i);
    expect(text).not.toMatch(/<script/i);
    expect(text).not.toMatch(/<link/i);
    expect(Buffer.byteLength(text)).toBeLessThan(100_000);
  }
  expect(annaHandout.text).toContain("Anna");
  expect(annaHandout.text).toContain("Chin tucks");
  expect(annaHandout.text).toContain("Sam Therapist");
  expect(annaHandout.text).toContain("See you &lt;soon&gt; &amp; well.");
  // The date as the tablet writes dates (en-US here), never ISO.
  const written = annaHandout.name.match(/\d{4}-\d{2}-\d{2}/)[0];
  const asWritten = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(written));
  expect(annaHandout.text).toContain(`written ${asWritten}`);
  expect(annaHandout.text).not.toContain(`written ${written}`);
  for (const other of ["Bram", "Visser", "Cold pack", "Berg", "Maria"]) expect(annaHandout.text).not.toContain(other);
  expect(bramHandout.text).toContain("Bram");
  for (const other of ["Anna", "Berg", "Chin tucks", "Garden"]) expect(bramHandout.text).not.toContain(other);

  expect(annaPlan.name).toMatch(/^self-care-plan-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(annaPlan.text);
  expect(file.format).toBe("stillpoint-plan");
  expect(file.client_name).toBe("Anna");
  expect(file.from).toBe("Sam Therapist");
  expect(file.goals).toEqual(["Garden without pain"]);
  expect(file.plan.items.map((item) => item.item.title)).toEqual(["Chin tucks", "Belly breathing"]);
  expect(annaPlan.text).not.toContain("Bram");

  // The handout as the client sees it on a phone, and on A4 paper.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.setContent(annaHandout.text);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= 390)).toBe(true);
  await phone.screenshot({ path: `${OUT}selfcare-handout-phone.png`, fullPage: true });
  await phone.emulateMedia({ media: "print" });
  await phone.pdf({ path: `${OUT}selfcare-handout-a4.pdf`, format: "A4" });
  await phone.close();

  // Print from the app: only the plan, black on white.
  await page.goto(`${site.url}/clients/${anna}/self-care`);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".nav")).toBeHidden();
  await expect(page.locator(".care-tools")).toBeHidden();
  await expect(page.locator(".print-header")).toContainText("Self-care plan for Anna");
  await page.screenshot({ path: `${OUT}selfcare-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
});

test("the library: a built-in item edited and restored, an own item added and removed", async ({ page, site }) => {
  const id = await newClient(page, site, "Carla Jones");
  await page.goto(`${site.url}/settings`);
  await page.getByRole("link", { name: "Self-care library" }).click();
  await expect(page.locator(".library-entry")).toHaveCount(20);

  await page.getByRole("button", { name: "Edit Chin tucks" }).click();
  await page.getByLabel("Title").fill("Chin tucks, seated");
  await page.getByRole("button", { name: "Save item" }).click();
  const edited = page.locator(".library-entry", { hasText: "Chin tucks, seated" });
  await expect(edited).toContainText("Edited");

  await page.getByRole("button", { name: "Add your own item" }).click();
  await page.getByRole("button", { name: "Save item" }).click();
  await expect(page.locator("#library-item-title-message")).toContainText("Give the item a short title");
  await expect(page.locator("#library-item-how-to-message")).toContainText("Say how to do it");
  await page.getByLabel("Title").fill("Evening walk");
  await page.getByLabel("Kind").selectOption({ label: "Other" });
  await page.locator("#library-item-times").selectOption("5");
  await page.locator("#library-item-per").selectOption("week");
  await page.getByLabel("How to do it").fill("Walk at an easy pace after dinner.");
  await page.getByRole("button", { name: "Save item" }).click();
  await expect(page.locator(".library-entry", { hasText: "Evening walk" })).toContainText("5 days a week");
  await page.reload();
  await expect(page.locator(".library-entry")).toHaveCount(21);

  // The composer offers the edited and the own item.
  await page.goto(`${site.url}/clients/${id}/self-care`);
  await page.getByRole("button", { name: "New plan" }).click();
  await expect(page.getByRole("button", { name: "Add Chin tucks, seated" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add Evening walk" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.goto(`${site.url}/self-care/library`);
  await page.getByRole("button", { name: "Restore original of Chin tucks, seated" }).click();
  await expect(page.locator(".library-entry", { hasText: "Chin tucks" }).first()).not.toContainText("Edited");
  await page.getByRole("button", { name: "Remove Evening walk" }).click();
  await expect(page.locator(".library-entry")).toHaveCount(20);
  await page.reload();
  await expect(page.locator(".library-entry")).toHaveCount(20);
  await expect(page.getByText("Chin tucks, seated")).toHaveCount(0);
});

test("handed to the client, the tablet stays locked until the PIN; five wrong tries mean a wait", async ({ page, site }) => {
  test.setTimeout(120_000);
  await mkdir(OUT, { recursive: true });
  await page.clock.install();
  const id = await newClient(page, site, "Dora Quist");
  await page.goto(`${site.url}/clients/${id}/plan`);
  await page.getByRole("button", { name: "Set a plan" }).click();
  await page.getByLabel("Benefit and instrument").selectOption("who-5");
  await page.getByLabel("Goal in the client's words").fill("Feel rested");
  await page.getByLabel("Baseline").fill("40");
  await page.getByLabel("Target").fill("70");
  await page.getByLabel("Review date").fill("2099-01-15");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.locator(".plan-current")).toContainText("Feel rested");
  await composePlan(page, site, id, ["Longer out-breath", "Jaw rest position"], "Breathe out slowly.");
  await page.goto(`${site.url}/clients/${id}`);
  const hand = page.getByRole("button", { name: "Hand to client" }).first();
  await expect(hand).toBeDisabled();
  await expect(page.getByText("Set a PIN in Settings first").first()).toBeVisible();

  await page.goto(`${site.url}/settings`);
  await page.getByLabel("PIN", { exact: true }).fill("12");
  await page.getByLabel("The same PIN again").fill("12");
  await page.getByRole("button", { name: "Set PIN" }).click();
  await expect(page.locator("#pin-new-message")).toContainText("Use 4 to 8 digits.");
  await page.getByLabel("PIN", { exact: true }).fill("2468");
  await page.getByLabel("The same PIN again").fill("2469");
  await page.getByRole("button", { name: "Set PIN" }).click();
  await expect(page.locator("#pin-again-message")).toContainText("The two PINs are different.");
  for (const guessed of ["1234", "0000", "1985", "2512"]) {
    await page.getByLabel("PIN", { exact: true }).fill(guessed);
    await page.getByLabel("The same PIN again").fill(guessed);
    await page.getByRole("button", { name: "Set PIN" }).click();
    await expect(page.locator("#pin-new-message")).toContainText("one people guess first");
  }
  await setPin(page, site, "2468");

  await page.goto(`${site.url}/clients/${id}`);
  await page.getByRole("button", { name: "Hand to client" }).first().click();
  const locked = page.getByRole("heading", { level: 1, name: "Your self-care plan" });
  await expect(locked).toBeVisible();
  await expect(page.locator(".locked-view")).toContainText("For Dora");
  await expect(page.locator(".care-item-card h3")).toHaveText(["Longer out-breath", "Jaw rest position"]);
  await expect(page.locator(".nav")).toHaveCount(0);
  for (const size of TABLET_SIZES) {
    await page.setViewportSize(size);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    await page.screenshot({ path: `${OUT}selfcare-locked-${size.name}.png`, fullPage: true });
  }
  await page.setViewportSize(TABLET_SIZES[0]);

  // Three ways out: the back button, a reload, another address.
  await page.goBack();
  await expect(locked).toBeVisible();
  await page.reload();
  await expect(locked).toBeVisible();
  await page.goto(`${site.url}/settings`);
  await expect(locked).toBeVisible();
  await expect(page.getByRole("heading", { name: "Settings" })).toHaveCount(0);
  await page.goto(`${site.url}/clients`);
  await expect(locked).toBeVisible();
  await expect(page.locator(".nav")).toHaveCount(0);

  // The client fills in the questionnaire of their plan, still locked.
  await page.getByRole("button", { name: "Fill in: WHO-5 Well-Being Index" }).click();
  const groups = page.getByRole("radiogroup");
  await expect(groups).toHaveCount(5);
  for (let item = 0; item < 5; item++) await groups.nth(item).getByRole("radio", { name: /^3/ }).click();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("heading", { name: "Thank you." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Therapist: back to the record" })).toHaveCount(0);
  await expect(page.locator(".nav")).toHaveCount(0);
  await page.getByRole("button", { name: "Back to your plan" }).click();
  await expect(locked).toBeVisible();

  // Wrong PINs: the count survives a reload; the fifth means a wait.
  await page.getByRole("button", { name: "Return to therapist" }).click();
  const pin = page.getByLabel("Therapist's PIN");
  const message = page.locator("#unlock-message");
  for (const left of [4, 3, 2]) {
    await pin.fill("1111");
    await page.getByRole("button", { name: "Unlock" }).click();
    await expect(message).toHaveText(`That is not the PIN. ${left} of 5 tries left before a wait of 30 seconds.`);
  }
  await page.reload();
  await page.getByRole("button", { name: "Return to therapist" }).click();
  await pin.fill("1111");
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(message).toHaveText("That is not the PIN. 1 of 5 tries left before a wait of 30 seconds.");
  await pin.fill("9999");
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(message).toContainText(/Too many wrong tries\. Wait (30|29) seconds/);
  await expect(page.getByRole("button", { name: "Unlock" })).toBeDisabled();
  // A reload does not end the wait.
  await page.reload();
  await expect(message).toContainText(/Too many wrong tries\. Wait \d+ seconds/);
  await expect(locked).toBeVisible();

  await page.clock.fastForward(31_000);
  await expect(page.getByRole("button", { name: "Unlock" })).toBeEnabled();
  await pin.fill("2468");
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dora Quist" })).toBeVisible();
  await expect(page.locator(".nav")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Dora Quist" })).toBeVisible();
  await page.goto(`${site.url}/clients/${id}/progress`);
  await expect(page.locator(".chart-card", { hasText: "WHO-5" }).locator(".chart-value")).toHaveText("60");
});

test("adherence shows once a diary is in the store; composer screenshots", async ({ page, site }) => {
  await mkdir(OUT, { recursive: true });
  const id = await newClient(page, site, "Eve Moreau");
  await setBackPainPlan(page, site, id, { description: "Sit through a film without back pain", target: 3 });
  await composePlan(page, site, id, ["Knees to chest", "Warm pack for tight muscles"]);
  await page.goto(`${site.url}/clients/${id}`);
  await expect(page.locator("#adherence-heading + p")).toHaveText("No diary received yet.");

  // A diary as the client's phone would send it: both items due today, one done.
  await page.evaluate(async (client) => {
    const db = await new Promise((done, fail) => {
      const open = indexedDB.open("stillpoint");
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const read = db.transaction("care_plans").objectStore("care_plans").index("client").getAll(client);
    const [plan] = await new Promise((done) => { read.onsuccess = () => done(read.result); });
    const diary = {
      id: "00000000-0000-4000-8000-00000000d1a7",
      client,
      plan: plan.id,
      days: { [plan.written]: { value: { done: [0], symptoms: 3, note: "" }, stamp: plan.stamp } },
      seen: [plan.stamp],
    };
    const tx = db.transaction("diaries", "readwrite");
    tx.objectStore("diaries").put(diary);
    await new Promise((done) => { tx.oncomplete = done; });
    db.close();
  }, id);
  await page.reload();
  await expect(page.locator(".adherence-week")).toHaveCount(1);
  await expect(page.locator(".adherence-week")).toHaveText(/^Week of .+: 1 of 2 planned — 50 %$/);

  // The composer with two items, at both tablet sizes.
  await page.goto(`${site.url}/clients/${id}/self-care`);
  await page.getByRole("button", { name: "New plan" }).click();
  await page.locator("#care-item-0").getByRole("button", { name: "Sit through a film without back pain" }).click();
  for (const size of TABLET_SIZES) {
    await page.setViewportSize(size);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole("heading", { level: 1 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}selfcare-composer-${size.name}.png` });
    await page.screenshot({ path: `${OUT}selfcare-composer-${size.name}-full.png`, fullPage: true });
  }
  await page.getByRole("button", { name: "Cancel" }).click();
  for (const size of TABLET_SIZES) {
    await page.setViewportSize(size);
    await expect(page.getByRole("heading", { level: 1, name: /: self-care plan$/ })).toBeVisible();
    await page.screenshot({ path: `${OUT}selfcare-plan-${size.name}.png`, fullPage: true });
    await page.goto(`${site.url}/clients/${id}`);
    await page.locator("#adherence-heading").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}selfcare-adherence-${size.name}.png` });
    await page.goto(`${site.url}/self-care/library`);
    await expect(page.getByRole("heading", { level: 1, name: "Self-care library" })).toBeVisible();
    await page.screenshot({ path: `${OUT}selfcare-library-${size.name}.png` });
    await page.goto(`${site.url}/clients/${id}/self-care`);
  }
});
