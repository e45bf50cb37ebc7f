// The cross-engine suite (issue 15 §1): the therapist's main flows in the
// engine named by ENGINE (`webkit` or `firefox`), against the release build
// in dist/ served on 127.0.0.1 by server.mjs. Run by `cargo xtask test`
// with node's own test runner, once per engine:
//   ENGINE=firefox node --test engines/engines.test.mjs
// Where an engine lacks something (a share sheet for files, persistent
// storage without a prompt), the test checks the app says so instead.
import assert from "node:assert/strict";
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, before, beforeEach, test } from "node:test";
import { serveCopyOfDist } from "../server.mjs";
import { ENGINES, fitViewport, newSession } from "./driver.mjs";
import { Page } from "./page.mjs";

const ENGINE = process.env.ENGINE ?? "firefox";
const NAME = ENGINES[ENGINE].name;
const SHOTS = new URL("../../../target/screenshots/", import.meta.url).pathname;
const PASSPHRASE = "quiet harbour lantern seven";
const PLAN = new URL("../fixtures/care-plan.json", import.meta.url);
const PLAN_CLIENT = "00000000-0000-4000-8000-0000000000c1";
/** Each flow's time limit: an encrypted export and import spend seconds in scrypt by design. */
const FLOW = { timeout: 120_000 };

/** Every browser and site a test opened, closed after it. */
let opened = [];
/** Devices opened so far, to name their failure screenshots. */
let devices = 0;

before(() => mkdir(SHOTS, { recursive: true }));
beforeEach(() => {
  opened = [];
});
afterEach(async () => {
  for (const close of opened.reverse()) await close().catch(() => {});
});

/** A fresh browser profile on `site` (a new one if not given), at the start page. */
async function device(site) {
  if (!site) {
    site = await serveCopyOfDist();
    opened.push(() => site.close());
  }
  const { driver, downloads, close } = await newSession(ENGINE);
  opened.push(close);
  const page = new Page(driver, site, `${ENGINE}-${++devices}`);
  page.downloads = downloads;
  await page.goto("/");
  await page.heading("Clients");
  return page;
}

async function createClient(page, fullName) {
  await page.press("New client");
  await page.type("Full name", fullName);
  await page.press("Save client");
  await page.element("h1", fullName);
  return (await page.path()).split("/").pop();
}

/** Waits until the service worker has cached everything and controls the page. */
async function serviceWorkerInControl(page) {
  const controlled = await page.run(`
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener("controllerchange", done, { once: true }));
    }
    return navigator.serviceWorker.controller.scriptURL;`);
  assert.match(String(controlled), /\/sw\.js$/);
}

async function waitForSaved(page) {
  await page.sees(".save-state", "All changes saved on this device.");
}

test(`${NAME}: first load, the manifest, the service worker in control, and what the tab cannot promise`, FLOW, async () => {
  const page = await device();
  const manifest = await page.run(`
    const link = document.querySelector('link[rel="manifest"]');
    return (await fetch(link.href)).json();`);
  assert.equal(manifest.name, "Stillpoint");
  assert.equal(manifest.display, "standalone");
  assert.equal(manifest.start_url, "/");
  await serviceWorkerInControl(page);

  // In a browser tab the app explains the Home Screen (Safari may clear a tab's data).
  await page.sees(".home-screen-hint", "Add to Home Screen");
  await page.press("Got it");
  await page.gone(".home-screen-hint");

  // Persistent storage: granted or not, Settings says which, and how to keep the data.
  await page.press("Settings");
  const kept = await page.element("#storage-persistence dd");
  const promise = await kept.getText();
  if (promise.startsWith("Yes")) {
    assert.equal(await page.count("#storage-eviction"), 0);
  } else {
    assert.match(promise, /^Not promised: the browser may clear data/);
    await page.sees("#storage-eviction", "Add to Home Screen");
  }
});

test(`${NAME}: a client, an intake signed by drawing, a session past an alert, charted and signed`, FLOW, async () => {
  const page = await device();
  await page.press("Got it");
  const id = await createClient(page, "Ruth Ellis");
  await page.sees(".intake-status", "No intake on file");

  await page.press("New intake");
  await page.press("Cerebral aneurysm");
  await page.type("Name of the person consenting", "Ruth Ellis");
  await page.draw("#intake-signature");
  await page.press("Save intake");
  await page.heading("Alerts today");
  await page.sees(".alert .alert-level", "Do not treat: needs medical clearance");

  await page.press("Start session");
  await page.press("Nothing changed");
  await page.sees("h2, h3, p", "Before you start");
  await page.type("Decided by", "Ada Byron");
  await page.type("Why is it safe to go on?", "Cleared by her neurologist on 3 Nov");
  await page.press("Go on despite this alert");
  await page.sees(".decision", "Cleared by her neurologist on 3 Nov");

  await page.tapRegion("Left shoulder");
  await page.click(".mark-sheet [role=radio]", "6");
  await waitForSaved(page);
  await page.sees(".chart-summary", "Left shoulder: Pain 6");

  await page.type("Duration (minutes)", "60");
  await page.press("Swedish");
  await page.choose("#session-massage-areas", "Left upper back and shoulder blade");
  await page.type("Subjective: the client's words", "Stiff after gardening.");
  await page.type("Objective: what you observed", "Tight left rhomboids.");
  await page.type("Assessment: response and change", "Eased with effleurage.");
  await page.type("Plan: next focus, home care, referrals", "Stretch the right side daily.");
  await page.type("Signed by", "Ada Byron");
  await page.press("Sign note");
  await page.sees(".status-signed", "Signed");
  await page.sees(".note-body", "Stretch the right side daily.");
  await page.sees(".note-body", "Left shoulder: Pain 6");
  assert.equal(await page.count("textarea, input"), 0);

  await page.goto(`/clients/${id}`);
  await page.press("Got it");
  await page.gone(".home-screen-hint");
  await page.sees(".session-row", "Signed");
  await page.screenshot(join(SHOTS, `engine-${ENGINE}-client-record.png`));
});

test(`${NAME}: a measure and its chart`, FLOW, async () => {
  const page = await device();
  await page.press("Got it");
  const id = await createClient(page, "Ada Lovelace");
  for (const [date, score] of [["2026-09-01", "7"], ["2026-09-08", "4"]]) {
    await page.goto(`/clients/${id}/measure/nprs-back`);
    await page.set("Date", date);
    await page.click("[role=radiogroup] [role=radio]", score);
    await page.press("Save score");
    await page.element("h1", /progress$/);
  }
  const card = ".chart-card";
  await page.sees(card, "Pain rating (NPRS): back");
  assert.equal(await page.count(`${card} .chart-dot`), 2);
  await page.sees(`${card} .chart-summary`, "Your back pain went from 7 to 4: a meaningful improvement.");
});

test(`${NAME}: handed to the client, the tablet comes back only through the PIN`, FLOW, async () => {
  const page = await device();
  await page.press("Got it");
  const id = await createClient(page, "Edda Vane");
  await page.goto("/settings");
  await page.type("PIN", "2468");
  await page.type("The same PIN again", "2468");
  await page.press("Set PIN");
  await page.sees("[role=status]", "PIN saved.");

  await page.goto(`/clients/${id}`);
  await page.press("Hand to client");
  await page.element(".locked-view");
  await page.gone(".nav");
  // An address typed in does not get past the lock.
  await page.goto("/clients");
  await page.element(".locked-view");
  await page.gone(".nav");

  await page.press("Return to therapist");
  await page.type("Therapist's PIN", "1111");
  await page.press("Unlock");
  await page.sees("#unlock-message", "That is not the PIN.");
  await page.gone(".nav");
  await page.set("Therapist's PIN", "");
  await page.type("Therapist's PIN", "2468");
  await page.press("Unlock");
  await page.element(".nav");
  await page.sees("h1", "Edda Vane");
});

/** Exports an encrypted backup and returns the downloaded file's bytes. */
async function exportEncrypted(page) {
  await page.goto("/sync");
  await page.type("Passphrase", PASSPHRASE);
  await page.type("Passphrase again", PASSPHRASE);
  await page.press("Export encrypted file");
  await page.sees("[role=status] p", /Saved stillpoint-\d{4}-\d{2}-\d{2}\.age: \d+ record\(s\), encrypted\./);
  // Share… (the share sheet, as on an iPad) is offered only where the browser
  // can share a file; everywhere the download stands, and the therapist is
  // asked to confirm the file was kept before it counts as a backup.
  const shares = await page.driver.executeScript(
    "return typeof navigator.canShare === 'function' && navigator.canShare({ files: [new File(['x'], 'x.age')] })",
  );
  assert.equal((await page.texts("[role=status] button")).includes("Share…"), shares);
  await page.sees("[role=status]", "Check that the file is in your Downloads or Files");
  await page.press("I have the file");
  await page.sees("[role=status]", "Noted as your latest backup.");
  const file = await page.waitFor("the downloaded backup", async () => {
    const names = (await readdir(page.downloads)).filter((name) => name.endsWith(".age"));
    return names[0];
  });
  return readFile(join(page.downloads, file));
}

test(`${NAME}: an encrypted backup exported, then imported into a fresh profile`, FLOW, async () => {
  const tablet = await device();
  await tablet.press("Got it");
  await createClient(tablet, "Grace Hopper");
  const sealed = await exportEncrypted(tablet);
  assert.equal(sealed.subarray(0, 21).toString(), "age-encryption.org/v1");
  assert.equal(sealed.includes(Buffer.from("Grace Hopper")), false);
  const path = join(tmpdir(), `stillpoint-${ENGINE}-${Date.now()}.age`);
  await writeFile(path, sealed);

  const laptop = await device(tablet.site);
  assert.equal(await laptop.count(".client-row"), 0, "a fresh profile holds no clients");
  await laptop.goto("/sync");
  const picker = await laptop.labelled("Choose a file…");
  await picker.sendKeys(path);
  await laptop.type("Passphrase of the file", PASSPHRASE);
  await laptop.press("Open file");
  await laptop.heading("Ready to import");
  await laptop.sees(".preview", "new record(s)");
  await laptop.press("Import");
  await laptop.sees("[role=status]", "Imported:");
  await laptop.goto("/clients");
  await laptop.sees(".client-row", "Grace Hopper");
});

/** A page holding the app in a phone-sized frame: a browser window cannot
 * be made that narrow (MiniBrowser stops at 447 px, Firefox at 500 px), a
 * frame lays the page out at exactly 390 × 844 CSS pixels. It is put under
 * /phone/, which the tablet's service worker leaves to the network (it
 * answers every other navigation with the app). */
const PHONE_FRAME = `<!doctype html><meta charset="utf-8"><title>Phone</title>
<style>body { margin: 0 } iframe { display: block } iframe { border: 0; width: 390px; height: 844px }</style><iframe src="/"></iframe>`;

test(`${NAME}: client mode on a phone-sized screen opens a plan file`, FLOW, async () => {
  const page = await device();
  await page.press("Got it");
  await fitViewport(page.driver, 1024, 900);
  await writeFile(join(page.site.root, "phone", "frame.html"), PHONE_FRAME);
  await page.goto("/phone/frame.html");
  const frame = await page.element("iframe");
  await page.driver.switchTo().frame(frame);
  assert.deepEqual(await page.driver.executeScript("return [innerWidth, innerHeight]"), [390, 844]);
  await page.press("I'm a client: open my self-care plan");
  await page.heading("Open my self-care plan");
  assert.equal(await page.path(), "/phone/");
  assert.equal(await page.driver.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth"), false);

  const plan = join(tmpdir(), `self-care-plan-${ENGINE}-${Date.now()}.json`);
  await writeFile(plan, (await readFile(PLAN, "utf8")).replaceAll(PLAN_CLIENT, "00000000-0000-4000-8000-0000000000c2"));
  await (await page.labelled("Choose my plan file…")).sendKeys(plan);
  await page.heading("Your self-care plan");
  assert.deepEqual(await page.texts(".phone-item h3"), ["Neck side stretch", "Longer out-breath", "Jaw rest position"]);
  assert.equal(await page.count("nav"), 0);
  // A first install offers no update (Firefox did, under the tablet's worker).
  assert.match(String(await page.run("return (await navigator.serviceWorker.ready).scope")), /\/phone\/$/);
  assert.equal(await page.count(".update-banner"), 0);
  assert.equal(await page.driver.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth"), false);
  await page.driver.executeScript("scrollTo(0, 0)");
  await page.driver.switchTo().defaultContent();
  await page.screenshot(join(SHOTS, `engine-${ENGINE}-client-mode-phone.png`), frame);
});

test(`${NAME}: offline, a deep link reloads from the service worker with the data`, FLOW, async () => {
  const page = await device();
  await page.press("Got it");
  await createClient(page, "Offline Olive");
  const deepLink = await page.path();
  await serviceWorkerInControl(page);
  await page.site.close();

  await page.goto(deepLink);
  await page.element("h1", "Offline Olive");
  await page.reload();
  await page.element("h1", "Offline Olive");
  await page.goto("/clients");
  await page.sees(".client-list", "Offline Olive");
});
