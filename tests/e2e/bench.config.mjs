// The browser benchmarks (`cargo xtask bench`), apart from the test run:
// the normal config reads ./specs only, this one ./bench only. One worker,
// no retries, and a long timeout: importing a 20-year practice takes a while.
import base from "./playwright.config.mjs";

export default {
  ...base,
  testDir: "./bench",
  testMatch: "*.bench.mjs",
  timeout: 60 * 60_000,
  expect: { timeout: 10 * 60_000 },
};
