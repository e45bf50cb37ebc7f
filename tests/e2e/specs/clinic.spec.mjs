// Clinic sync through a CouchDB-protocol server (pouchdb-server, in memory),
// proxied under /couchdb/ on the app's own origin as the deploy/ recipe
// does. Each device is a browser context with its own storage, joined by
// the same buttons a therapist uses. The server must end up holding only
// ciphertext, every fault must leave each device's records whole, and a
// device must be able to start from the server alone, and a device back
// online syncs without being asked.
import { mkdir } from "node:fs/promises";
import { test, expect, createClient, editNotes, scrollsSideways, smallTargets, TABLET_SIZES } from "../fixtures.mjs";
import { startCouchdb } from "../couchdb.mjs";
import { serveCopyOfDist } from "../server.mjs";

const SCREENSHOTS = new URL("../../../target/screenshots/", import.meta.url).pathname;
const PASSPHRASE = "quiet harbour lantern seven";
/** Joining and the first sync start the sync worker and run scrypt once. */
const SYNC_TIMEOUT = 30_000;

const clinic = test.extend({
  couchdb: async ({}, use) => {
    const couchdb = await startCouchdb();
    await use(couchdb);
    couchdb.stop();
  },
  site: async ({ couchdb }, use) => {
    const site = await serveCopyOfDist({ port: couchdb.port });
    await use(site);
    await site.close();
  },
});

/** A new device: its own browser profile, with the same guard as every
 * spec that nothing leaves 127.0.0.1. */
async function device(browser, site, name) {
  const context = await browser.newContext();
  const outside = [];
  const couchdb = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.hostname !== "127.0.0.1") outside.push(request.url());
    if (url.pathname.startsWith("/couchdb/")) couchdb.push(request.url());
  });
  const page = await context.newPage();
  page.outside = outside;
  page.couchdbRequests = couchdb;
  await page.goto(site.url);
  if (name) {
    await page.goto(`${site.url}/settings`);
    const field = page.getByLabel("This device's name");
    await field.fill(name);
    await field.blur();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  }
  return page;
}

/** Which of `words` a server's dump (`_all_docs` with the documents) holds:
 * anywhere in its clear text, and, for words of six letters or more, in
 * the bytes its base64 fields (sealed bundles, salt, check) decode to.
 * Base64 text is left out of the first search: a short word such as "Ada"
 * turns up in kilobytes of it by chance (one run in twenty here). */
function wordsHeldBy(dump, words) {
  const docs = JSON.parse(dump).rows.map((row) => row.doc);
  const clear = JSON.stringify(docs.map(({ sealed, salt, check, ...rest }) => rest));
  const bytes = Buffer.concat(
    docs.flatMap((doc) => [doc.sealed, doc.salt, doc.check].filter(Boolean).map((text) => Buffer.from(text, "base64"))),
  );
  return words.filter((word) => clear.includes(word) || (word.length >= 6 && bytes.includes(Buffer.from(word))));
}

/** Presses `button` in Settings → Clinic sync and waits until that job ends. */
async function clinicJob(page, press) {
  await page.goto(`${new URL(page.url()).origin}/settings`);
  const section = page.locator("#clinic");
  await expect(section.getByRole("heading", { name: "Clinic sync" })).toBeVisible();
  const ended = Number(await section.getAttribute("data-ended"));
  await press(section);
  await expect(section).toHaveAttribute("data-ended", String(ended + 1), { timeout: SYNC_TIMEOUT });
  return section;
}

async function join(page, passphrase = PASSPHRASE) {
  return clinicJob(page, async (section) => {
    await section.getByLabel("Clinic passphrase").fill(passphrase);
    await section.getByRole("button", { name: "Join clinic" }).click();
  });
}

async function syncNow(page) {
  return clinicJob(page, (section) => section.getByRole("button", { name: "Sync now" }).click());
}

async function addClient(page, fields) {
  await page.goto(`${new URL(page.url()).origin}/clients`);
  await createClient(page, fields);
}

async function clientNames(page) {
  await page.goto(`${new URL(page.url()).origin}/clients`);
  return page.locator(".client-row");
}

clinic("three devices sync through the server, agree, keep a conflict and a deletion; the server holds no plaintext", async ({ browser, site, couchdb }) => {
  test.setTimeout(240_000);
  const ipad = await device(browser, site, "Treatment room iPad");
  const reception = await device(browser, site, "Reception laptop");

  await addClient(ipad, { fullName: "Ada Lovelace", notes: "Sciatica down the left calf." });
  await ipad.goto(`${site.url}/settings`);
  await expect(ipad.locator("#clinic")).toContainText("Off.");
  // Until a device joins, clinic sync makes no request at all.
  expect(ipad.couchdbRequests).toEqual([]);
  let section = await join(ipad);
  await expect(section.locator("#clinic-error")).toHaveCount(0);
  await expect(section.locator("#clinic-status")).toHaveText("Synced just now · nothing new from other devices");

  await addClient(reception, { fullName: "Grace Hopper" });
  section = await join(reception);
  await expect(section.locator("#clinic-status")).toContainText("from Treatment room iPad");
  await expect(await clientNames(reception)).toHaveText([/Ada Lovelace/, /Grace Hopper/]);

  // Edits made while the others are not syncing: the same notes on two
  // devices (a conflict to keep), and a deletion.
  await editNotes(ipad, "Ada Lovelace", "Prefers firm pressure.");
  await editNotes(reception, "Ada Lovelace", "Prefers a warm room.");
  await reception.goto(`${site.url}/clients`);
  await reception.locator(".client-row", { hasText: "Grace Hopper" }).click();
  await reception.getByRole("button", { name: "Delete…" }).click();
  await reception.getByRole("button", { name: "Delete client" }).click();
  await expect(reception.getByRole("status")).toContainText("Grace Hopper was deleted.");

  await syncNow(reception);
  section = await syncNow(ipad);
  await expect(section.locator("#clinic-status")).toContainText("from Reception laptop");

  // A third device joins from the server alone.
  const laptop = await device(browser, site, "Back office laptop");
  section = await join(laptop);
  await expect(section.locator("#clinic-status")).toContainText("from Treatment room iPad, Reception laptop");
  await syncNow(reception);

  for (const page of [ipad, reception, laptop]) {
    await expect(await clientNames(page)).toHaveText([/Ada Lovelace/]);
    await page.locator(".client-row", { hasText: "Ada Lovelace" }).click();
    const conflict = page.locator(".conflicts");
    await expect(conflict).toContainText("Prefers firm pressure.");
    await expect(conflict).toContainText("Prefers a warm room.");
    expect(page.outside).toEqual([]);
  }

  // Settings → Clinic sync, joined and synced, at both tablet sizes.
  await mkdir(SCREENSHOTS, { recursive: true });
  await ipad.goto(`${site.url}/settings`);
  for (const size of TABLET_SIZES) {
    await ipad.setViewportSize(size);
    await ipad.locator("#clinic").scrollIntoViewIfNeeded();
    await expect(ipad.locator("#clinic-status")).toContainText("Synced");
    await ipad.screenshot({ path: `${SCREENSHOTS}clinic-settings-${size.name}.png` });
    expect(await scrollsSideways(ipad), size.name).toBe(false);
    expect(await smallTargets(ipad), size.name).toEqual([]);
  }

  const dump = await couchdb.dump();
  expect(dump).toContain('"sealed"');
  const words = ["Ada", "Lovelace", "Grace", "Hopper", "Sciatica", "firm pressure", "warm room", "Treatment room", "Reception"];
  expect(wordsHeldBy(dump, words), "the server's documents hold them").toEqual([]);
});

clinic("a wrong passphrase and a tampered document are refused with nothing written", async ({ browser, site, couchdb }) => {
  test.setTimeout(180_000);
  const ipad = await device(browser, site);
  await addClient(ipad, { fullName: "Ada Lovelace" });
  await join(ipad);

  const stranger = await device(browser, site);
  let section = await join(stranger, "quiet harbour lantern eight");
  await expect(section.locator("#clinic-error")).toContainText("This clinic passphrase is not the one this clinic's server was set up with.");
  await expect(section.getByRole("button", { name: "Join clinic" })).toBeVisible();
  await expect(await clientNames(stranger)).toHaveCount(0);

  // Someone with access to the server changes one character of a bundle.
  const docs = JSON.parse(await couchdb.dump()).rows.map((row) => row.doc).filter((doc) => doc.sealed);
  expect(docs).toHaveLength(1);
  const [bundle] = docs;
  const flipped = bundle.sealed[40] === "A" ? "B" : "A";
  bundle.sealed = bundle.sealed.slice(0, 40) + flipped + bundle.sealed.slice(41);
  const put = await fetch(`${couchdb.base}/${couchdb.database}/${bundle._id}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(bundle),
  });
  expect(put.ok).toBe(true);

  const newcomer = await device(browser, site);
  section = await join(newcomer);
  await expect(section.locator("#clinic-error")).toContainText("A document on the clinic server was changed or damaged after it was sealed");
  await expect(await clientNames(newcomer)).toHaveCount(0);
});

clinic("a server that stops mid-sync, is down or is full leaves every device whole, and the next sync completes", async ({ browser, site }) => {
  test.setTimeout(180_000);
  const ipad = await device(browser, site);
  const reception = await device(browser, site);
  await join(ipad);
  await join(reception);
  await addClient(ipad, { fullName: "Ada Lovelace" });
  await syncNow(ipad);

  // The feed stops halfway through its answer: nothing is written.
  site.couchdb.cutChanges = true;
  let section = await syncNow(reception);
  await expect(section.locator("#clinic-error")).toContainText("The clinic server could not be reached.");
  await expect(await clientNames(reception)).toHaveCount(0);

  // The proxy answers but its server is gone.
  site.couchdb.cutChanges = false;
  site.couchdb.down = true;
  section = await syncNow(reception);
  await expect(section.locator("#clinic-error")).toContainText("The clinic server could not be reached. Your work is saved on this device");

  // The disk is full: what was read is kept, this device's own changes
  // wait for the next sync.
  site.couchdb.down = false;
  site.couchdb.full = true;
  await addClient(reception, { fullName: "Grace Hopper" });
  section = await syncNow(reception);
  await expect(section.locator("#clinic-error")).toContainText("The clinic server is full");
  await expect(await clientNames(reception)).toHaveText([/Ada Lovelace/, /Grace Hopper/]);

  site.couchdb.full = false;
  section = await syncNow(reception);
  await expect(section.locator("#clinic-error")).toHaveCount(0);
  await syncNow(ipad);
  await expect(await clientNames(ipad)).toHaveText([/Ada Lovelace/, /Grace Hopper/]);
});

clinic("a device that comes back online syncs by itself, its screens show what arrived, and leaving keeps its records", async ({ browser, site }) => {
  test.setTimeout(120_000);
  const ipad = await device(browser, site);
  const reception = await device(browser, site);
  await join(ipad);
  await join(reception);
  await reception.goto(`${site.url}/clients`);
  await reception.context().setOffline(true);

  await addClient(ipad, { fullName: "Ada Lovelace" });
  await syncNow(ipad);

  await reception.context().setOffline(false);
  await expect(reception.locator(".client-row")).toHaveText([/Ada Lovelace/], { timeout: 30_000 });

  // Leaving stops syncing; the records stay on the device.
  await reception.goto(`${site.url}/settings`);
  await reception.locator("#clinic").getByRole("button", { name: "Leave clinic" }).click();
  await expect(reception.locator("#clinic").getByRole("button", { name: "Join clinic" })).toBeVisible();
  await expect(await clientNames(reception)).toHaveText([/Ada Lovelace/]);
});

/** Copies every document of one site's clinic database to the other's,
 * with CouchDB's own replication (`_replicate`, asked of the target), as
 * two sites keep their servers in step (deploy/README.md). */
async function replicate(from, to) {
  const answer = await fetch(`${to.base}/_replicate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ source: `${from.base}/${from.database}`, target: `${to.base}/${to.database}` }),
  });
  expect(answer.ok, await answer.text()).toBe(true);
}

test("two sites, each with its own server kept in step by CouchDB replication, agree", async ({ browser }) => {
  test.setTimeout(240_000);
  const [north, south] = [await startCouchdb(), await startCouchdb()];
  const [northSite, southSite] = [
    await serveCopyOfDist({ port: north.port }),
    await serveCopyOfDist({ port: south.port }),
  ];
  try {
    const ipad = await device(browser, northSite, "North site iPad");
    await addClient(ipad, { fullName: "Ada Lovelace", notes: "Sciatica down the left calf." });
    await join(ipad);

    // The clinic (its key's salt and check) and the iPad's changes reach
    // the south site's server by replication; a laptop there joins.
    await replicate(north, south);
    const laptop = await device(browser, southSite, "South site laptop");
    let section = await join(laptop);
    await expect(section.locator("#clinic-status")).toContainText("from North site iPad");
    await expect(await clientNames(laptop)).toHaveText([/Ada Lovelace/]);

    // Edits on both sides while the servers are apart: a new client in the
    // south, the same notes edited differently in the north and south.
    await addClient(laptop, { fullName: "Grace Hopper" });
    await editNotes(laptop, "Ada Lovelace", "Prefers a warm room.");
    await editNotes(ipad, "Ada Lovelace", "Prefers firm pressure.");
    await syncNow(laptop);
    await syncNow(ipad);
    await replicate(south, north);
    await replicate(north, south);
    section = await syncNow(ipad);
    await expect(section.locator("#clinic-status")).toContainText("from South site laptop");
    await syncNow(laptop);

    for (const page of [ipad, laptop]) {
      await expect(await clientNames(page)).toHaveText([/Ada Lovelace/, /Grace Hopper/]);
      await page.locator(".client-row", { hasText: "Ada Lovelace" }).click();
      const conflict = page.locator(".conflicts");
      await expect(conflict).toContainText("Prefers firm pressure.");
      await expect(conflict).toContainText("Prefers a warm room.");
      expect(page.outside).toEqual([]);
    }
    for (const server of [north, south]) {
      const words = ["Ada", "Lovelace", "Grace", "Hopper", "Sciatica", "North site", "South site"];
      expect(wordsHeldBy(await server.dump(), words), "a site's server holds them").toEqual([]);
    }
  } finally {
    await northSite.close();
    await southSite.close();
    north.stop();
    south.stop();
  }
});
