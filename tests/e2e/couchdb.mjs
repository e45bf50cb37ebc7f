// A CouchDB-protocol server for the clinic-sync specs: pouchdb-server
// (npm, pinned in package-lock.json) in memory, on a free port of
// 127.0.0.1, in a folder of its own (it writes its log and config there).
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports.mjs";

const BIN = new URL("./node_modules/.bin/pouchdb-server", import.meta.url).pathname;

/** Starts pouchdb-server with database `database` created (a clinic's
 * database is made by whoever runs the server, as deploy/README.md says)
 * and, given `user` (`{ name, password }`), that user, whose password a
 * wrong one does not pass. Returns its port, `dump()` (every document, as
 * stored) and `stop()`. */
export async function startCouchdb(database = "clinic", user = null) {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "stillpoint-couchdb-"));
  const child = spawn(BIN, ["--in-memory", "--port", String(port), "--no-stdout-logs"], { cwd: dir, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      if (tries > 100) throw new Error("pouchdb-server did not start");
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  const created = await fetch(`${base}/${database}`, { method: "PUT" });
  if (!created.ok) throw new Error(`creating ${database}: ${created.status}`);
  if (user) {
    const added = await fetch(`${base}/_users/org.couchdb.user:${user.name}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...user, roles: [], type: "user" }),
    });
    if (!added.ok) throw new Error(`adding ${user.name}: ${added.status}`);
  }
  return {
    port,
    base,
    database,
    dump: async () => (await fetch(`${base}/${database}/_all_docs?include_docs=true`)).text(),
    stop: () => child.kill(),
  };
}
