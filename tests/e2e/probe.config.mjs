import base from "./playwright.config.mjs";
export default { ...base, testDir: "./probe", testMatch: "*.bench.mjs", timeout: 60 * 60_000 };
