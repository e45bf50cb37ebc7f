// An update downloads what changed, not the whole app: the service worker
// caches each file under its content hash and copies unchanged files from
// the caches already on the device when a new build installs.
import { createHash } from "node:crypto";
import { appendFile, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test, expect, waitForOfflineReady } from "../fixtures.mjs";

const hash = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

/** Opens the app and waits until its service worker has precached it and controls the page. */
async function openInstalled(page, site) {
  await page.goto(site.url);
  await waitForOfflineReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** "Deploys" a new build's worker, whose list is the current one changed by `edit`, lets the
 * page find it, and returns the update banner and every path the update asked the server for. */
async function deployWorker(page, site, edit) {
  const swPath = join(site.root, "sw.js");
  const sw = await readFile(swPath, "utf8");
  const listed = await edit(JSON.parse(sw.match(/const PRECACHE = (\{[^}]*\});/)[1]));
  await writeFile(
    swPath,
    sw.replace(/const PRECACHE = \{[^}]*\};/, `const PRECACHE = ${JSON.stringify(listed)};`)
      .replace(/const VERSION = "[0-9a-f]+";/, 'const VERSION = "0123456789abcdef";'),
  );
  site.asked.length = 0;
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  const banner = page.getByRole("status").filter({ hasText: "A new version is ready." });
  await expect(banner).toBeVisible();
  return { banner, asked: [...new Set(site.asked)].sort() };
}

test("a new build that changed only the stylesheet downloads the stylesheet, the page and the worker", async ({ page, site }) => {
  await openInstalled(page, site);

  // "Deploy" a build whose only change is one line of CSS: a new hashed
  // stylesheet, the page that links it, and the worker's list.
  const indexPath = join(site.root, "index.html");
  const index = await readFile(indexPath, "utf8");
  const oldCss = index.match(/styles-[0-9a-f]+\.css/)[0];
  const css = `${await readFile(join(site.root, oldCss), "utf8")}\n.next-build { color: inherit; }\n`;
  const newCss = "styles-0123456789abcdef.css";
  await writeFile(join(site.root, newCss), css);
  const integrity = `sha384-${createHash("sha384").update(css).digest("base64")}`;
  const newIndex = index
    .replaceAll(oldCss, newCss)
    .replace(/(styles-[0-9a-f]+\.css" integrity=")[^"]+"/, `$1${integrity}"`);
  await writeFile(indexPath, newIndex);
  const { banner, asked } = await deployWorker(page, site, (listed) => {
    delete listed[`/${oldCss}`];
    listed[`/${newCss}`] = hash(css);
    listed["/index.html"] = hash(newIndex);
    expect(Object.keys(listed).some((path) => path.endsWith(".wasm"))).toBe(true);
    return listed;
  });
  expect(asked).toEqual(["/index.html", `/${newCss}`, "/sw.js"].sort());

  // The new build runs, from the cache, with the new stylesheet.
  await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Reload" }).click()]);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const sheets = await page.evaluate(() => [...document.styleSheets].map((sheet) => sheet.href));
  expect(sheets.some((href) => href?.endsWith(newCss))).toBe(true);
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a new build that changed one chunk renames the app folder but downloads only that chunk, the page and the worker", async ({ page, site }) => {
  await openInstalled(page, site);

  // "Deploy" a build whose only change is in the chunk of the settings screen (a custom
  // section added, which changes its bytes and nothing it does): its folder is renamed after
  // the new contents, so every file in it has a new URL, and the page and its CSP follow.
  const indexPath = join(site.root, "index.html");
  const index = await readFile(indexPath, "utf8");
  const oldFolder = index.match(/app-[0-9a-f]{16}/)[0];
  const newFolder = "app-0123456789abcdef";
  await rename(join(site.root, oldFolder), join(site.root, newFolder));
  const chunk = join(site.root, newFolder, "split_settings.wasm");
  await appendFile(chunk, Buffer.from([0x00, 0x05, 0x04, ...Buffer.from("next")]));
  const scriptHash = (html) => {
    const body = html.match(/<script type="module">([^<]*)<\/script>/)[1];
    return `sha256-${createHash("sha256").update(body).digest("base64")}`;
  };
  let newIndex = index.replaceAll(oldFolder, newFolder);
  newIndex = newIndex.replace(scriptHash(index), scriptHash(newIndex));
  await writeFile(indexPath, newIndex);
  const { banner, asked } = await deployWorker(page, site, async (listed) => {
    const renamed = Object.fromEntries(Object.entries(listed).map(([path, contents]) => [path.replace(oldFolder, newFolder), contents]));
    renamed[`/${newFolder}/split_settings.wasm`] = hash(await readFile(chunk));
    renamed["/index.html"] = hash(newIndex);
    expect(Object.keys(renamed).filter((path) => path.startsWith(`/${newFolder}/`)).length).toBeGreaterThan(10);
    return renamed;
  });
  expect(asked).toEqual(["/index.html", `/${newFolder}/split_settings.wasm`, "/sw.js"].sort());

  // The new build runs offline from the cache, the changed chunk included.
  await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Reload" }).click()]);
  await page.context().setOffline(true);
  await page.goto(`${site.url}/settings`);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname));
  expect(loaded).toContain(`/${newFolder}/split_settings.wasm`);
});
