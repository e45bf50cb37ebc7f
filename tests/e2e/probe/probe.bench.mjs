import { test } from "@playwright/test";
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { serveCopyOfDist } from "../server.mjs";
import { waitForOfflineReady } from "../fixtures.mjs";

test("probe", async ({ browser }) => {
  const site = await serveCopyOfDist();
  for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const logs = [];
    page.on("console", (m) => { const t = m.text(); if (t.startsWith("PROBE")) { if (t.includes("merging")) console.log(t); logs.push(t.replace(/ merging=.*putting=\S+/, "").split(" ")); } });
    context.on("console", () => {});
    page.on("worker", (w) => w.on("console", (m) => { const t = m.text(); if (t.startsWith("PROBE")) logs.push(t.split(" ")); }));
    await page.goto(`${site.url}/clients`);
    await waitForOfflineReady(page);
    await page.goto(`${site.url}/sync`);
    await page.evaluate(() => {
      document.addEventListener("change", () => console.log("PROBE change " + (performance.timeOrigin + performance.now())), { capture: true, once: true });
      document.addEventListener("click", () => console.log("PROBE click " + (performance.timeOrigin + performance.now())), { capture: true, once: true });
      const obs = new MutationObserver(() => {
        if (document.body.textContent.includes("Ready to import")) { obs.disconnect(); requestAnimationFrame(() => setTimeout(() => console.log("PROBE preview_shown " + (performance.timeOrigin + performance.now())))); }
      });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.getByLabel("Choose a file…").setInputFiles(process.env.STILLPOINT_PRACTICE);
    await page.getByText("Ready to import").waitFor({ timeout: 120000 });
    await page.evaluate(() => {
      document.addEventListener("click", () => console.log("PROBE click " + (performance.timeOrigin + performance.now())), { capture: true, once: true });
      const obs = new MutationObserver(() => {
        if (document.body.textContent.includes("Imported:")) { obs.disconnect(); requestAnimationFrame(() => setTimeout(() => console.log("PROBE imported_shown " + (performance.timeOrigin + performance.now())))); }
      });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText("Imported:").first().waitFor({ timeout: 120000 });
    await page.waitForTimeout(500);
    let prev = Number(logs[0][2]);
    const t0 = prev;
    console.log(`run ${run}: ` + logs.map(([, label, t]) => { const s = `${label}+${Math.round(Number(t) - prev)}`; prev = Number(t); return s; }).join(" ") + ` total=${Math.round(prev - t0)}`);
    await context.close();
  }
});
