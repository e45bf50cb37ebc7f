// The two engines besides Chromium, driven through W3C WebDriver with
// `selenium-webdriver`: WebKitGTK (Safari's engine family) through Debian's
// WebKitWebDriver under Xvfb, and Firefox ESR through geckodriver, headless.
//
// Why selenium-webdriver: it is the W3C WebDriver client the Selenium
// project maintains, it speaks to any driver already running
// (`usingServer`, so WebKitGTK's MiniBrowser works as well as Firefox), it
// has W3C pointer actions for the signature pad, and its dependency tree is
// small (no browser download at install time, unlike webdriverio's). A
// Rust client (fantoccini, thirtyfour) would have cost a minutes-long
// compile on every fresh machine for the same protocol.
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Builder } from "selenium-webdriver";
import { freePort } from "../ports.mjs";

/** Where Debian puts WebKitGTK's browser for automation. */
const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** How each engine's driver is started and what a session asks it for. */
export const ENGINES = {
  webkit: {
    name: "WebKit",
    // WebKitGTK needs a display even for automation: Xvfb's, started by xvfb-run.
    command: (port) => ["xvfb-run", ["-a", "-s", "-screen 0 1280x1024x24", "WebKitWebDriver", `--port=${port}`]],
    capabilities: () => ({
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
    }),
  },
  firefox: {
    name: "Firefox",
    // geckodriver from `cargo install`: xtask puts cargo's bin folder on PATH.
    command: (port) => ["geckodriver", [`--port=${port}`]],
    capabilities: (downloads) => ({
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary: "/usr/bin/firefox-esr",
        args: ["-headless"],
        prefs: {
          // Downloads go straight to the test's folder, never to a dialog.
          "browser.download.dir": downloads,
          "browser.download.folderList": 2,
          "browser.download.useDownloadDir": true,
          "browser.download.always_ask_before_handling_new_types": false,
          // Nothing may leave 127.0.0.1: every other address goes to a
          // proxy that is not there (127.0.0.1 itself is never proxied).
          "network.proxy.type": 1,
          "network.proxy.http": "127.0.0.1",
          "network.proxy.http_port": 9,
          "network.proxy.ssl": "127.0.0.1",
          "network.proxy.ssl_port": 9,
          "network.proxy.no_proxies_on": "127.0.0.1",
          "app.update.enabled": false,
          "browser.safebrowsing.downloads.enabled": false,
          "browser.safebrowsing.malware.enabled": false,
          "browser.safebrowsing.phishing.enabled": false,
          "network.captive-portal-service.enabled": false,
          "network.connectivity-service.enabled": false,
          "extensions.getAddons.cache.enabled": false,
          "datareporting.policy.dataSubmissionEnabled": false,
          "toolkit.telemetry.enabled": false,
        },
      },
    }),
  },
};

/** Starts the engine's driver (with `env` added to its environment) and
 * waits until it answers `/status`. */
async function startDriver(engine, env) {
  const port = await freePort();
  const [program, args] = ENGINES[engine].command(port);
  // Its own process group, so stopping it also ends what it started; its
  // logs (the browser's console among them) are not the suite's output.
  const child = spawn(program, args, { stdio: "ignore", detached: true, env: { ...process.env, ...env } });
  child.unref();
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 100; tries++) {
    if (child.exitCode !== null) throw new Error(`${program} ended with ${child.exitCode}`);
    try {
      const status = await (await fetch(`${url}/status`)).json();
      if (status.value?.ready !== undefined) break;
    } catch {
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already ended.
      }
    },
  };
}

/** A new browser with a fresh profile (its own storage) and its own
 * download folder, through a driver of its own: geckodriver holds one
 * session at a time, and WebKitGTK saves downloads in `$HOME` (no
 * capability names a folder), so its driver runs with `HOME` set to the
 * download folder. `close()` ends the browser and its driver. */
export async function newSession(engine) {
  const downloads = await mkdtemp(join(tmpdir(), `stillpoint-${engine}-downloads-`));
  const server = await startDriver(engine, engine === "webkit" ? { HOME: downloads } : {});
  try {
    const driver = await new Builder().usingServer(server.url).withCapabilities(ENGINES[engine].capabilities(downloads)).build();
    await driver.manage().window().setRect({ width: 1024, height: 768 });
    await fitViewport(driver, 1024, 768);
    const close = async () => {
      await driver.quit().catch(() => {});
      server.stop();
    };
    return { driver, downloads, close };
  } catch (error) {
    server.stop();
    throw error;
  }
}

/** Resizes the window so the page's viewport is `width` × `height`
 * (the window's frame and toolbars differ per engine). */
export async function fitViewport(driver, width, height) {
  for (let tries = 0; tries < 3; tries++) {
    const [innerWidth, innerHeight] = await driver.executeScript("return [innerWidth, innerHeight]");
    if (innerWidth === width && innerHeight === height) return;
    const rect = await driver.manage().window().getRect();
    await driver.manage().window().setRect({ width: rect.width + width - innerWidth, height: rect.height + height - innerHeight });
  }
}
