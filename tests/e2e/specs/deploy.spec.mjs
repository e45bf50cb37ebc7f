// The self-hosting recipe as shipped: deploy/stillpoint.conf run by
// Debian's nginx in front of a copy of the build and a CouchDB-protocol
// server (pouchdb-server). The headers the app needs, deep links, the
// server-wide CouchDB endpoints kept from devices, and two devices of a
// clinic syncing through the proxy.
import { test, expect, createClient } from "../fixtures.mjs";
import { startCouchdb } from "../couchdb.mjs";
import { startNginx } from "../nginx.mjs";

const PASSPHRASE = "quiet harbour lantern seven";
/** The clinic's CouchDB member, whose credentials only nginx holds. */
const MEMBER = { name: "clinic", password: "a long random server secret" };

const proxied = test.extend({
  couchdb: async ({}, use) => {
    const couchdb = await startCouchdb("clinic", MEMBER);
    await use(couchdb);
    couchdb.stop();
  },
  nginx: async ({ site, couchdb }, use) => {
    const nginx = await startNginx(site.root, couchdb.port, MEMBER);
    await use(nginx);
    nginx.stop();
  },
});

proxied("nginx serves the app with its headers and caching, and proxies only the clinic database", async ({ nginx, couchdb }) => {
  const page = await fetch(`${nginx.url}/clients/some-deep-link`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("<title>");
  const policy = page.headers.get("content-security-policy");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("connect-src 'self'");
  expect(page.headers.get("cache-control")).toBe("no-cache");
  expect(page.headers.get("x-content-type-options")).toBe("nosniff");

  const worker = await fetch(`${nginx.url}/sw.js`);
  expect(worker.headers.get("cache-control")).toBe("no-cache");
  const list = await worker.text();
  // The tablet's main module, and a chunk of a screen loaded on first use.
  for (const file of [/"\/app-[0-9a-f]{16}\/stillpoint-tablet_bg\.wasm"/, /"\/app-[0-9a-f]{16}\/split_care_library\.wasm"/]) {
    const precached = list.match(file)[0].slice(1, -1);
    const wasm = await fetch(`${nginx.url}${precached}`);
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get("content-type")).toBe("application/wasm");
    expect(wasm.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  }

  const phone = await fetch(`${nginx.url}/phone/start`);
  expect(await phone.text()).toContain("stillpoint-phone");

  expect((await fetch(`${nginx.url}/couchdb/_all_dbs`)).status).toBe(403);
  expect((await fetch(`${nginx.url}/couchdb/_utils/`)).status).toBe(403);
  const database = await fetch(`${nginx.url}/couchdb/clinic`);
  expect(database.status).toBe(200);
  expect(database.headers.get("cache-control")).toBe("no-store");
  // The proxy signs in; without it the server refuses.
  const direct = await fetch(`http://127.0.0.1:${couchdb.port}/clinic/_changes`, {
    headers: { authorization: `Basic ${Buffer.from("clinic:guess").toString("base64")}` },
  });
  expect(direct.status).toBe(401);
});

proxied("two devices of a clinic sync through nginx", async ({ browser, nginx }) => {
  test.setTimeout(120_000);
  const devices = [];
  for (const name of ["Ada Lovelace", "Grace Hopper"]) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${nginx.url}/clients`);
    await createClient(page, { fullName: name });
    devices.push(page);
  }
  const sync = async (page, press) => {
    await page.goto(`${nginx.url}/settings`);
    const section = page.locator("#clinic");
    await expect(section.getByRole("heading", { name: "Clinic sync" })).toBeVisible();
    const ended = Number(await section.getAttribute("data-ended"));
    await press(section);
    await expect(section).toHaveAttribute("data-ended", String(ended + 1), { timeout: 30_000 });
    await expect(section.locator("#clinic-error")).toHaveCount(0);
  };
  for (const page of devices) {
    await sync(page, async (section) => {
      await section.getByLabel("Clinic passphrase").fill(PASSPHRASE);
      await section.getByRole("button", { name: "Join clinic" }).click();
    });
  }
  await sync(devices[0], (section) => section.getByRole("button", { name: "Sync now" }).click());
  for (const page of devices) {
    await page.goto(`${nginx.url}/clients`);
    await expect(page.locator(".client-row")).toHaveText([/Ada Lovelace/, /Grace Hopper/]);
  }
});
