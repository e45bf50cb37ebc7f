// Browser benchmarks at practice scale (issue 7), run by `cargo xtask bench`
// on the release build with the synthetic practice it generates
// (STILLPOINT_PRACTICE, a plain export). Every figure is the median of RUNS
// runs, each measured inside the page with performance.now() (from the
// user's event to the moment the result is on screen, after the next frame),
// and paired with a baseline in the same page so the ratio means something
// on a noisy machine. Results go to STILLPOINT_BENCH_OUT as JSON, which
// `cargo xtask bench` prints as a table.
import { test } from "@playwright/test";
import { copyFile, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { serveCopyOfDist } from "../server.mjs";
import { waitForOfflineReady } from "../fixtures.mjs";

const RUNS = Number(process.env.STILLPOINT_BENCH_RUNS ?? 5);
/** Only these figures (comma-separated: start, import, reimport, write,
 * open, today), to measure the one being worked on; every figure when unset. The
 * first import always runs: it loads the practice. */
const ONLY = process.env.STILLPOINT_BENCH_ONLY?.split(",");
const wanted = (figure) => !ONLY || ONLY.includes(figure);
const PRACTICE = process.env.STILLPOINT_PRACTICE;
const OUT = process.env.STILLPOINT_BENCH_OUT;
/** The client list with its rows, or its empty state: the app is usable. */
const INTERACTIVE = ".client-list-pane .client-list, .client-list-pane .empty-state";

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Before any script of the page: note when the app is first usable (after
 * the frame that shows it) and keep the wasm memory to read its size. */
function watchStart(selector) {
  addEventListener("stillpoint-started", (event) => {
    window.__wasmMemory = event.detail.wasm.memory;
  });
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (window.__interactive = performance.now())));
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function newPage(browser) {
  const context = await browser.newContext();
  await context.addInitScript(watchStart, INTERACTIVE);
  const page = await context.newPage();
  return { context, page };
}

/** Milliseconds from navigation start until the app is usable at `url`. */
async function startTime(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__interactive !== undefined, null, { timeout: 600_000 });
  return page.evaluate(() => window.__interactive);
}

/** Milliseconds from the user's next click or file choice (during `act`)
 * until `selector` matches an element holding `text`, after the next frame. */
async function timed(page, selector, text, act) {
  await page.evaluate(([selector, text]) => {
    window.__start = undefined;
    const mark = () => (window.__start ??= performance.now());
    document.addEventListener("click", mark, { capture: true, once: true });
    document.addEventListener("change", mark, { capture: true, once: true });
    const matches = () =>
      [...document.querySelectorAll(selector)].some((element) => element.textContent.includes(text));
    window.__seen = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!matches()) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
      });
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    });
  }, [selector, text]);
  await act();
  return page.evaluate(async () => (await window.__seen) - window.__start);
}

/** Imports the practice through the Sync page: [parse + merge, write],
 * and when the worker said it had read the file (its "Comparing" stage):
 * how long reading and checking the file took of the prepare. */
async function importPractice(page, url, path) {
  await page.goto(`${url}/sync`);
  await page.evaluate(() => {
    window.__merging = undefined;
    const observer = new MutationObserver(() => {
      if (!document.body.textContent.includes("Comparing with the records")) return;
      observer.disconnect();
      window.__merging = performance.now();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const prepare = await timed(page, "h2, h3", "Ready to import", () =>
    page.getByLabel("Choose a file…").setInputFiles(path),
  );
  const read = await page.evaluate(() => window.__merging - window.__start);
  const write = await timed(page, "body", "Imported:", () =>
    page.getByRole("button", { name: "Import", exact: true }).click(),
  );
  return { prepare, read, write };
}

/** In the page: the time JSON.parse takes on the practice file. */
async function jsonParseTime(page) {
  return page.evaluate(async () => {
    const text = await (await fetch("/practice.json")).text();
    const start = performance.now();
    const parsed = JSON.parse(text);
    const time = performance.now() - start;
    return parsed.format ? time : NaN;
  });
}

/** In the page: copies every record the app stored into a scratch database
 * with the same stores and indexes, timing one transaction of plain `put`
 * calls. Returns the time and how many records were written. */
async function plainPutTime(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((done, fail) => { r.onsuccess = () => done(r.result); r.onerror = () => fail(r.error); });
    const app = await request(indexedDB.open("stillpoint"));
    const names = [...app.objectStoreNames].filter((name) => !["meta", "drafts", "intake_drafts"].includes(name));
    const read = app.transaction(names, "readonly");
    const shapes = [];
    for (const name of names) {
      const store = read.objectStore(name);
      const indexes = [...store.indexNames].map((index) => {
        const { keyPath, unique, multiEntry } = store.index(index);
        return { index, keyPath, unique, multiEntry };
      });
      // A store with out-of-line keys (the client list) is written with them.
      const keys = store.keyPath === null ? await request(store.getAllKeys()) : null;
      shapes.push({ name, keyPath: store.keyPath, indexes, keys, records: await request(store.getAll()) });
    }
    app.close();
    await request(indexedDB.deleteDatabase("bench-scratch"));
    const open = indexedDB.open("bench-scratch", 1);
    open.onupgradeneeded = () => {
      for (const { name, keyPath, indexes } of shapes) {
        const store = open.result.createObjectStore(name, { keyPath });
        for (const { index, keyPath, unique, multiEntry } of indexes) store.createIndex(index, keyPath, { unique, multiEntry });
      }
    };
    const scratch = await request(open);
    const start = performance.now();
    const write = scratch.transaction(names, "readwrite");
    let count = 0;
    for (const { name, keys, records } of shapes) {
      const store = write.objectStore(name);
      records.forEach((record, index) => {
        if (keys) store.put(record, keys[index]);
        else store.put(record);
        count += 1;
      });
    }
    await new Promise((done, fail) => { write.oncomplete = done; write.onerror = () => fail(write.error); });
    const time = performance.now() - start;
    scratch.close();
    await request(indexedDB.deleteDatabase("bench-scratch"));
    return { time, count };
  });
}

/** Samples, every 100 ms until `stop` is called, the memory of every
 * process of `browser` (browser, renderers, GPU, utilities), read from
 * /proc by the ids Chromium reports, and answers the peak in bytes: of the
 * whole browser, and of each kind of process on its own (`renderer` holds
 * the page and its workers; `browser` holds IndexedDB's side). Each process
 * counts its proportional share of pages it shares with the others (PSS),
 * so the browser's code, mapped by every process, is counted once. */
async function sampleBrowserMemory(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const byType = {};
  const pss = async () => {
    const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
    const now = {};
    for (const { id, type } of processInfo) {
      const rollup = await readFile(`/proc/${id}/smaps_rollup`, "utf8").catch(() => "");
      now[type] = (now[type] ?? 0) + Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    }
    for (const [type, bytes] of Object.entries(now)) byType[type] = Math.max(byType[type] ?? 0, bytes);
    return Object.values(now).reduce((sum, bytes) => sum + bytes, 0);
  };
  let peak = await pss();
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      peak = Math.max(peak, await pss());
      await new Promise((done) => setTimeout(done, 100));
    }
  })();
  return async () => {
    sampling = false;
    await loop;
    await cdp.detach();
    return { peak, byType };
  };
}

/** Waits until the browser's processes together use less than a tenth of
 * one core over half a second (at most a minute): a start is timed on a
 * quiet browser. Right after the import the browser is still busy for
 * about a second, and the first start timed then took 262–354 ms against
 * 140–160 ms once it was quiet (BENCHMARKS.md, session 12). Answers how
 * long it waited, in ms. */
async function waitForQuietBrowser(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const cpuSeconds = async () => {
    const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
    return processInfo.reduce((sum, { cpuTime }) => sum + cpuTime, 0);
  };
  const began = performance.now();
  let before = await cpuSeconds();
  while (performance.now() - began < 60_000) {
    await new Promise((done) => setTimeout(done, 500));
    const now = await cpuSeconds();
    if (now - before < 0.05) break;
    before = now;
  }
  await cdp.detach();
  return performance.now() - began;
}

/** In a worker, before its scripts run: keeps the memory of the module it
 * instantiates where the sampler can read its size (no global of the
 * worker reaches it otherwise). */
const KEEP_WORKER_MEMORY = `for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = async (...args) => {
    const result = await original.apply(WebAssembly, args);
    globalThis.__benchWasmMemory = (result.instance ?? result).exports.memory;
    return result;
  };
}`;

/** Samples, until `stop` is called, what the page and each of its workers
 * hold: the JavaScript heap in use, the backing stores of its array
 * buffers, and its WebAssembly memory. The workers are reached through
 * the page's session (`Target.sendMessageToTarget`), since a CDP session
 * opens on pages only. Answers the peaks in bytes. */
async function sampleIsolates(context, page) {
  const cdp = await context.newCDPSession(page);
  const peaks = {};
  const note = (who, part, bytes) => {
    peaks[`${who}_${part}`] = Math.max(peaks[`${who}_${part}`] ?? 0, bytes ?? 0);
  };
  const workers = new Map();
  const answers = new Map();
  let next = 1;
  cdp.on("Target.attachedToTarget", async ({ sessionId, targetInfo, waitingForDebugger }) => {
    const send = (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = next++;
        answers.set(id, { resolve, reject });
        cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
      });
    if (targetInfo.type === "worker") {
      await send("Runtime.evaluate", { expression: KEEP_WORKER_MEMORY }).catch(() => {});
      const wasm = async () => (await send("Runtime.evaluate", { expression: "globalThis.__benchWasmMemory?.buffer.byteLength ?? 0", returnByValue: true })).result.value;
      workers.set(sessionId, { send, wasm });
    }
    if (waitingForDebugger) await send("Runtime.runIfWaitingForDebugger").catch(() => {});
  });
  cdp.on("Target.detachedFromTarget", ({ sessionId }) => workers.delete(sessionId));
  cdp.on("Target.receivedMessageFromTarget", ({ message }) => {
    const { id, result, error } = JSON.parse(message);
    const answer = answers.get(id);
    answers.delete(id);
    if (error) answer?.reject(new Error(error.message));
    else answer?.resolve(result);
  });
  // Each worker waits until its memory is watched (KEEP_WORKER_MEMORY).
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  const pageSide = {
    send: (method, params) => cdp.send(method, params),
    wasm: () => page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0),
  };
  const sample = async (who, { send, wasm }) => {
    const usage = await send("Runtime.getHeapUsage");
    note(who, "js_heap", usage.usedSize);
    note(who, "buffers", usage.backingStorageSize);
    note(who, "wasm", await wasm());
  };
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      await Promise.allSettled([sample("page", pageSide), ...[...workers.values()].map((worker) => sample("worker", worker))]);
      await new Promise((done) => setTimeout(done, 100));
    }
  })();
  return async () => {
    sampling = false;
    await loop;
    await cdp.detach();
    return peaks;
  };
}

/** The client with the most signed sessions who is not deleted. */
function busiestClient(file) {
  const sessions = new Map();
  for (const session of file.records.signed_sessions) {
    const client = session.note.details.client;
    sessions.set(client, (sessions.get(client) ?? 0) + 1);
  }
  const listed = file.records.clients.filter((client) => !client.deleted.value);
  const [id, count, name] = listed
    .map((client) => [client.id, sessions.get(client.id) ?? 0, client.full_name[0].value])
    .sort((a, b) => b[1] - a[1])[0];
  return { id, sessions: count, name };
}

/** The day with the most signed sessions, and how many. */
function busiestDay(file) {
  const sessions = new Map();
  for (const session of file.records.signed_sessions) {
    const day = session.note.details.date;
    sessions.set(day, (sessions.get(day) ?? 0) + 1);
  }
  const [day, count] = [...sessions].sort((a, b) => b[1] - a[1])[0];
  return { day, sessions: count };
}

/** Before any script of the page: the wall clock moved to `noon` (the
 * practice's busiest day), so Today shows that day; `performance.now`, which
 * the timings use, is left alone. */
function moveClock(noon) {
  const shift = noon - Date.now();
  const RealDate = Date;
  globalThis.Date = class extends RealDate {
    constructor(...args) {
      super(...(args.length ? args : [RealDate.now() + shift]));
    }
    static now() {
      return RealDate.now() + shift;
    }
  };
}

test("a 20-year practice in the browser", async ({ browser }) => {
  if (!PRACTICE) throw new Error("STILLPOINT_PRACTICE must name the practice export (cargo xtask bench sets it)");
  const file = JSON.parse(await readFile(PRACTICE, "utf8"));
  const busiest = busiestClient(file);
  const busiestDate = busiestDay(file);
  const records = Object.values(file.records).reduce((sum, list) => sum + list.length, 0);
  const site = await serveCopyOfDist();
  await copyFile(PRACTICE, join(site.root, "practice.json"));
  const runs = Array.from({ length: RUNS });
  const results = {
    runs: RUNS,
    records,
    busiest_client_sessions: busiest.sessions,
    busiest_day_sessions: busiestDate.sessions,
  };

  // Start to interactive, offline, with an empty database.
  const { context, page } = await newPage(browser);
  await page.goto(`${site.url}/clients`);
  await waitForOfflineReady(page);
  await context.setOffline(true);
  const quietWaits = { empty: await waitForQuietBrowser(browser) };
  const emptyStarts = [];
  for (const _ of wanted("start") ? runs : []) emptyStarts.push(await startTime(page, `${site.url}/clients`));
  await context.setOffline(false);

  // Import of the full export into an empty database, in fresh profiles;
  // the first run loads the practice for everything after it. Its memory
  // is sampled before the page has parsed the file for the baseline, so
  // none of that is counted.
  const idle = await (await sampleBrowserMemory(browser))();
  const stopSampling = await sampleBrowserMemory(browser);
  const stopIsolates = await sampleIsolates(context, page);
  const imports = [await importPractice(page, site.url, PRACTICE)];
  const importIsolates = await stopIsolates();
  const importPeak = await stopSampling();

  // With the full practice, in a new tab, before the work of any other
  // figure (the baselines, the further imports, the re-imports and the put
  // loop all leave work and memory behind in the browser: timed after them,
  // full starts took 140–206 ms, against 117–131 before them): start
  // offline, then open the busiest client, their progress charts and the
  // practice report, watching the JS heap.
  await page.close();
  const full = await context.newPage();
  const cdp = await context.newCDPSession(full);
  await cdp.send("Performance.enable");
  let peakHeap = 0;
  const sampling = setInterval(async () => {
    const { metrics } = await cdp.send("Performance.getMetrics").catch(() => ({ metrics: [] }));
    const used = metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? 0;
    peakHeap = Math.max(peakHeap, used);
  }, 50);
  await full.goto(`${site.url}/clients`);
  await context.setOffline(true);
  quietWaits.full = await waitForQuietBrowser(browser);
  const fullStarts = [];
  for (const _ of wanted("start") ? runs : []) fullStarts.push(await startTime(full, `${site.url}/clients`));
  const openClient = [];
  const drawCharts = [];
  const practiceReports = [];
  for (const _ of wanted("open") ? runs : []) {
    await startTime(full, `${site.url}/clients`);
    // The list renders the rows on screen only: find the client first.
    await full.getByLabel("Search clients by name").fill(busiest.name);
    openClient.push(await timed(full, ".session-list", "", () =>
      full.locator(`a.client-row[href="/clients/${busiest.id}"]`).click(),
    ));
    drawCharts.push(await timed(full, ".chart-card", "", () =>
      full.getByRole("link", { name: "Progress", exact: true }).click(),
    ));
    await full.goto(`${site.url}/settings`);
    const report = full.getByRole("link", { name: "Practice outcomes", exact: true });
    await report.waitFor();
    practiceReports.push(await timed(full, ".outcomes-table", "", () => report.click()));
  }
  // Today on the practice's busiest day: its signed notes and every open
  // draft, from the client list.
  const todays = [];
  if (wanted("today")) {
    const onTheDay = await context.newPage();
    await onTheDay.addInitScript(moveClock, Date.parse(`${busiestDate.day}T12:00:00`));
    for (const _ of runs) {
      await startTime(onTheDay, `${site.url}/clients`);
      todays.push(await timed(onTheDay, ".session-list", "", () =>
        onTheDay.getByRole("link", { name: "Today", exact: true }).first().click(),
      ));
    }
    await onTheDay.close();
  }
  clearInterval(sampling);
  const wasmMemory = await full.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);
  await full.close();
  await context.setOffline(false);
  const base = await context.newPage();
  await base.goto(`${site.url}/clients`);

  // JSON.parse of the export in a page of the app: the import's baseline;
  // then the import again in fresh profiles.
  const parses = [];
  for (const _ of wanted("import") || wanted("reimport") ? runs : []) parses.push(await jsonParseTime(base));
  for (const _ of wanted("import") ? runs.slice(1) : []) {
    const other = await newPage(browser);
    imports.push(await importPractice(other.page, site.url, PRACTICE));
    await other.context.close();
  }

  // The same file again, into the full database: every record merged,
  // nothing new to write.
  const reimports = [];
  for (const _ of wanted("reimport") ? runs : []) {
    await base.goto(`${site.url}/sync`);
    reimports.push(await timed(base, "p", "holds nothing new", () =>
      base.getByLabel("Choose a file…").setInputFiles(PRACTICE),
    ));
  }

  // The same records written by a plain put loop in one transaction, last:
  // it writes every record into a scratch database of the app's origin
  // and deletes it, and Chromium keeps all of an origin's databases in one
  // LevelDB, whose reads stay slower for a while after that (full starts
  // 145–184 ms after it, 119–131 without it, on a quiet browser:
  // BENCHMARKS.md, session 12).
  const puts = [];
  for (const _ of wanted("write") ? runs : []) puts.push(await plainPutTime(base));
  await context.close();
  await site.close();
  // The copy holds the 52 MB practice: not left in the temporary folder.
  await rm(site.root, { recursive: true, force: true });

  const write = median(imports.map((run) => run.write));
  const put = median(puts.map((run) => run.time));
  Object.assign(results, {
    start_empty_ms: median(emptyStarts),
    start_full_ms: median(fullStarts),
    quiet_wait_before_starts_ms: quietWaits,
    json_parse_ms: median(parses),
    import_prepare_ms: median(imports.map((run) => run.prepare)),
    import_read_ms: median(imports.map((run) => run.read)),
    import_write_ms: write,
    import_total_ms: median(imports.map((run) => run.prepare + run.write)),
    reimport_ms: median(reimports),
    plain_put_ms: put,
    plain_put_records: puts[0]?.count,
    open_client_ms: median(openClient),
    draw_progress_ms: median(drawCharts),
    practice_report_ms: median(practiceReports),
    today_ms: median(todays),
    import_peak_browser_pss_bytes: importPeak.peak,
    idle_browser_pss_bytes: idle.peak,
    import_peak_pss_by_process_bytes: importPeak.byType,
    idle_pss_by_process_bytes: idle.byType,
    import_peak_isolate_bytes: importIsolates,
    peak_js_heap_bytes: peakHeap,
    wasm_memory_bytes: wasmMemory,
  });
  results.ratios = {
    start_full_vs_empty: results.start_full_ms / results.start_empty_ms,
    import_vs_json_parse: results.import_total_ms / results.json_parse_ms,
    reimport_vs_json_parse: results.reimport_ms / results.json_parse_ms,
    write_vs_plain_put: write / put,
  };
  results.all = { emptyStarts, fullStarts, parses, imports, reimports, puts, openClient, drawCharts, practiceReports, todays };
  if (OUT) await writeFile(OUT, JSON.stringify(results, null, 2));
  console.log("ratios:", JSON.stringify(results.ratios));
});
