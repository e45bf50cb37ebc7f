// A small page vocabulary over a WebDriver session, close to the Playwright
// specs' (find by label, by role name, wait for text), so the cross-engine
// flows read like the Chromium ones. Every wait polls until its condition
// holds or fails with what it waited for.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { Origin } from "selenium-webdriver";

const TIMEOUT = 15_000;

/** Finds the first visible, enabled element matching `selector` whose
 * trimmed text (or aria-label, or value) is `name` (a string: exact; a
 * RegExp: matched). Enabled, as Playwright waits for before a click: a
 * button may render disabled until what it needs has been read. */
const FIND = `
  const [selector, source, flags, exact] = arguments;
  const wanted = source === null ? null : (exact ? source : new RegExp(source, flags));
  const visible = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  const names = (element) => [element.getAttribute("aria-label"), element.textContent, element.value]
    .filter((text) => typeof text === "string").map((text) => text.replace(/\\s+/g, " ").trim());
  return [...document.querySelectorAll(selector)].find((element) => visible(element) && !element.disabled
    && (wanted === null || names(element).some((text) => exact ? text === wanted : wanted.test(text)))) ?? null;`;

/** The form control labelled `label`: its label's own text (without a
 * "(required)" mark) or its whole text is `label`, or its aria-label is. */
const BY_LABEL = `
  const [label] = arguments;
  const tidy = (text) => text.replace(/\\s+/g, " ").trim();
  const own = [...document.querySelectorAll("label")].find((element) => {
    const direct = [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent);
    return tidy(direct.join("")) === label || tidy(element.textContent) === label;
  });
  return own?.control ?? document.querySelector(\`[aria-label="\${CSS.escape(label)}"]\`);`;

/** What a tap may land on. */
const BUTTONS = "button, a, [role=button], [role=radio], [role=checkbox], summary";

const FAILURES = new URL("../../../target/screenshots/", import.meta.url).pathname;

export class Page {
  /** `name` names the screenshot saved when a wait times out. */
  constructor(driver, site, name) {
    this.driver = driver;
    this.site = site;
    this.name = name;
  }

  async goto(path = "/") {
    await this.settle();
    await this.driver.get(`${this.site.url}${path}`);
  }

  /** Waits until no write to the app's database is in flight, by queueing
   * a write transaction over every store behind them. WebKitGTK 2.50 puts a
   * page left in the middle of a write into its back/forward cache
   * (`pagehide` says `persisted`) with the write neither committed nor
   * aborted, and the next page's database requests wait for it for good
   * (it stays on "Opening your records…"; Firefox finishes the write and
   * goes on). Saving a client and loading another address in the same
   * moment hangs the next page this way in most tries. Not fixed in the
   * app yet (asking for the commit together with the requests did not
   * help): a test loading a new page does what a therapist moving inside
   * the app does, it leaves once the write landed. A database that does
   * not exist yet is not created here. */
  async settle() {
    if (!(await this.driver.getCurrentUrl()).startsWith(this.site.url)) return;
    const settled = await this.run(`
      if (!(await indexedDB.databases()).some((database) => database.name === "stillpoint")) return true;
      const db = await new Promise((opened, failed) => {
        const request = indexedDB.open("stillpoint");
        request.onsuccess = () => opened(request.result);
        request.onerror = () => failed(request.error);
      });
      const stores = [...db.objectStoreNames];
      if (stores.length > 0) {
        const tx = db.transaction(stores, "readwrite");
        await new Promise((done) => { tx.oncomplete = done; tx.onabort = done; });
      }
      db.close();
      return true;`);
    assert.equal(settled, true, "the database settled");
  }

  /** Reloads as the browser's reload button does. (WebDriver's Refresh
   * command skips the service worker in Firefox, so offline it shows the
   * network error page where a therapist's reload shows the app.) */
  async reload() {
    await this.settle();
    await this.driver.executeScript("window.__beforeReload = true; location.reload()");
    await this.waitFor("the reloaded page", () => this.driver.executeScript("return document.readyState === 'complete' && !window.__beforeReload"));
  }

  /** The path of the document in view (a frame's, once switched to it). */
  async path() {
    return this.driver.executeScript("return location.pathname");
  }

  /** Polls `condition` until it returns something truthy, and returns that. */
  async waitFor(what, condition, timeout = TIMEOUT) {
    const until = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const value = await condition();
        if (value) return value;
      } catch (error) {
        last = error;
      }
      if (Date.now() > until) {
        const shot = `${FAILURES}engine-failure-${this.name}.png`;
        await this.screenshot(shot).catch(() => {});
        throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""} (the screen: ${shot})`);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  async find(selector, name = null) {
    const exact = typeof name === "string";
    const args = name === null ? [null, "", false] : exact ? [name, "", true] : [name.source, name.flags, false];
    return this.driver.executeScript(FIND, selector, args[0], args[1], args[2]);
  }

  /** Waits for a visible element matching `selector` (named `name`). */
  async element(selector, name = null, timeout = TIMEOUT) {
    return this.waitFor(`${selector}${name === null ? "" : ` named ${name}`}`, () => this.find(selector, name), timeout);
  }

  /** Clicks the way a finger would: scrolled into view, once it stays in
   * place (a page still reading records moves what is below them), then a
   * real click, tried again while something else is on top of it, as
   * Playwright does. */
  async click(selector, name = null) {
    const where = (element) =>
      this.driver.executeScript(
        "arguments[0].scrollIntoView({ block: 'center' }); const box = arguments[0].getBoundingClientRect(); return `${box.x},${box.y}`",
        element,
      );
    await this.waitFor(`${selector}${name === null ? "" : ` named ${name}`} to take a click`, async () => {
      const element = await this.find(selector, name);
      if (!element) return false;
      const before = await where(element);
      await new Promise((done) => setTimeout(done, 150));
      if ((await where(element)) !== before) return false;
      await element.click();
      return true;
    });
  }

  /** Clicks the button, link or choice named `name`. */
  async press(name) {
    await this.click(BUTTONS, name);
  }

  async labelled(label) {
    return this.waitFor(`the field labelled ${label}`, () => this.driver.executeScript(BY_LABEL, label));
  }

  /** Types `value` into the empty field labelled `label`, as a keyboard does. */
  async type(label, value) {
    const field = await this.labelled(label);
    await this.driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", field);
    await field.sendKeys(value);
  }

  /** Sets a field whose native picker WebDriver cannot type into (dates,
   * selects), firing the events a user's choice fires. */
  async set(label, value) {
    const field = await this.labelled(label);
    await this.driver.executeScript(
      `const [field, value] = arguments;
       const proto = Object.getPrototypeOf(field);
       Object.getOwnPropertyDescriptor(proto, "value").set.call(field, value);
       field.dispatchEvent(new Event("input", { bubbles: true }));
       field.dispatchEvent(new Event("change", { bubbles: true }));`,
      field,
      value,
    );
  }

  /** Chooses the option labelled `option` in the select `selector`. */
  async choose(selector, option) {
    const select = await this.element(selector);
    await this.driver.executeScript(
      `const [select, label] = arguments;
       const option = [...select.options].find((candidate) => candidate.label === label);
       option.selected = true;
       select.dispatchEvent(new Event("input", { bubbles: true }));
       select.dispatchEvent(new Event("change", { bubbles: true }));`,
      select,
      option,
    );
  }

  /** The text of every element matching `selector`, in order. */
  async texts(selector) {
    return this.driver.executeScript(
      "return [...document.querySelectorAll(arguments[0])].map((element) => element.textContent.replace(/\\s+/g, ' ').trim())",
      selector,
    );
  }

  async count(selector) {
    return (await this.texts(selector)).length;
  }

  /** Waits until some visible `selector` holds `text` (a string or RegExp). */
  async sees(selector, text, timeout = TIMEOUT) {
    const pattern = typeof text === "string" ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : text;
    return this.element(selector, new RegExp(`${pattern.source}`, pattern.flags), timeout);
  }

  /** Waits until nothing matches `selector`. */
  async gone(selector) {
    await this.waitFor(`no ${selector}`, async () => (await this.count(selector)) === 0);
  }

  async heading(name) {
    return this.element("h1, h2, h3", name);
  }

  /** Draws a short stroke across the element with W3C pointer actions (a
   * pen or finger: pointerdown, pointermoves, pointerup). */
  async draw(selector) {
    const pad = await this.element(selector);
    await this.driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", pad);
    const rect = await pad.getRect();
    const at = (x, y) => ({ origin: pad, x: Math.round(rect.width * (x - 0.5)), y: Math.round(rect.height * (y - 0.5)) });
    const actions = this.driver.actions({ async: true });
    actions.move(at(0.1, 0.6)).press();
    for (let step = 1; step <= 6; step++) actions.move({ ...at(0.1 + step * 0.04, 0.6 - step * 0.05), duration: 10 });
    for (let step = 1; step <= 6; step++) actions.move({ ...at(0.34 + step * 0.03, 0.3 + step * 0.07), duration: 10 });
    await actions.release().perform();
  }

  /** Clicks a body-chart region at a point where it is on top. */
  async tapRegion(name) {
    const point = await this.driver.executeScript(
      `const path = document.querySelector(\`path[data-region="\${arguments[0]}"]\`);
       path.scrollIntoView({ block: "center" });
       const box = path.getBoundingClientRect();
       for (let step = 1; step < 12; step++) for (let across = 1; across < 12; across++) {
         const x = box.left + (box.width * across) / 12, y = box.top + (box.height * step) / 12;
         if (document.elementFromPoint(x, y) === path) return [Math.round(x), Math.round(y)];
       }
       return null;`,
      name,
    );
    assert.ok(point, `region ${name} is visible`);
    await this.driver.actions({ async: true }).move({ origin: Origin.VIEWPORT, x: point[0], y: point[1] }).click().perform();
  }

  /** Runs `body` (an async function's source) in the page and returns its result. */
  async run(body, ...args) {
    return this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       (async (...args) => { ${body} })(...[...arguments].slice(0, -1)).then(done, (error) => done({ error: String(error) }));`,
      ...args,
    );
  }

  /** Saves a screenshot of the viewport (or of `element`) to `path`. */
  async screenshot(path, element = this.driver) {
    await writeFile(path, await element.takeScreenshot(), "base64");
  }
}
