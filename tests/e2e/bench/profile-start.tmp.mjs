import { chromium } from "playwright-core";
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { serveCopyOfDist } from "../server.mjs";
import { waitForOfflineReady } from "../fixtures.mjs";
const INTERACTIVE = ".client-list-pane .client-list, .client-list-pane .empty-state";
const site = await serveCopyOfDist();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-background-networking"] });
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`${site.url}/clients`);
await waitForOfflineReady(page);
if (process.env.FULL) {
  await page.goto(`${site.url}/sync`);
  await page.getByLabel("Choose a file…").setInputFiles("/tmp/b/practice.json");
  await page.getByText("Ready to import").waitFor({ timeout: 600000 });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByText("Imported:").waitFor({ timeout: 600000 });
}
await context.setOffline(true);
console.log(await page.evaluate(async () => {
  const request = (r) => new Promise((done, fail) => { r.onsuccess = () => done(r.result); r.onerror = () => fail(r.error); });
  const db = await request(indexedDB.open("stillpoint"));
  const out = {};
  for (const name of ["clients", "plan_versions", "care_library", "device_names", "custom_instruments", "meta"]) {
    const t = [];
    for (let i = 0; i < 5; i++) { const s = performance.now(); const all = await request(db.transaction(name).objectStore(name).getAll()); const text = JSON.stringify(all); t.push(performance.now() - s); out[name+"_bytes"] = text.length; }
    out[name] = t.map(Math.round).join(",");
  }
  return JSON.stringify(out);
}));
const cdp = await context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
for (let i = 0; i < 3; i++) { await page.goto(`${site.url}/clients`); await page.locator(INTERACTIVE).first().waitFor(); }
await cdp.send("Profiler.start");
const times = [];
for (let i = 0; i < 5; i++) {
  await page.goto(`${site.url}/clients`);
  await page.locator(INTERACTIVE).first().waitFor();
  times.push(await page.evaluate(() => performance.now()));
}
const { profile } = await cdp.send("Profiler.stop");
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; 
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = n.callFrame.functionName + " " + (n.callFrame.url.split("/").pop() || ""); self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000); });
console.log("times", times.map(Math.round));
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(1).padStart(8)} ${k}`).join("\n"));
await browser.close(); await site.close?.();
process.exit(0);
