// A small static server for a copy of the release build. Any path that is not
// a file gets its app's index.html (deep links), as a real host for the two
// single-page apps would be configured: `/phone` and `/phone/…` the client's
// phone app (dist/phone/), anything else the tablet. Each test gets its own
// copy, so a test can "deploy" a new build by changing files in its folder.
//
// `node server.mjs PORT` serves dist/ itself (no copy) on 127.0.0.1:PORT:
// what `cargo xtask serve` runs.
//
// Given a CouchDB port, it also proxies `/couchdb/…` to that server, as the
// clinic's reverse proxy does (deploy/nginx.conf), with switches a test
// flips to play a server that is down or stops mid-answer.
import { createServer, request as forward } from "node:http";
import { cp, mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export const DIST = resolve(process.env.STILLPOINT_DIST ?? new URL("../../dist", import.meta.url).pathname);

/** The page that answers a path that is not a file: the phone app's under /phone. */
export function fallbackPage(path) {
  return path === "/phone" || path.startsWith("/phone/") ? "phone/index.html" : "index.html";
}

/** Serves the build in `root` on 127.0.0.1 at `port` (0: a free one),
 * noting each path asked for in `asked` (a test sees what an update
 * downloads). */
async function serve(root, port, asked = [], couchdb = null) {
  const server = createServer(async (request, response) => {
    if (couchdb && request.url.startsWith("/couchdb/")) return proxy(couchdb, request, response);
    const path = normalize(decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname));
    asked.push(path);
    let file = join(root, path);
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
    } catch {
      file = join(root, fallbackPage(path));
    }
    const body = await readFile(file);
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    });
    response.end(body);
  });
  await new Promise((done) => server.listen(port, "127.0.0.1", done));
  return server;
}

/** Passes a `/couchdb/…` request to the CouchDB server on `couchdb.port`,
 * unless the test has it `down` (502, as nginx answers with its upstream
 * gone), or `cutChanges` (the `_changes` answer stops after its first
 * bytes, as when the server stops mid-sync), or `full` (507 to writes, as
 * CouchDB answers with its disk full). */
function proxy(couchdb, request, response) {
  const writes = request.method !== "GET" && request.method !== "HEAD";
  if (couchdb.down || (couchdb.full && writes)) {
    response.writeHead(couchdb.down ? 502 : 507, { "content-type": "application/json" });
    return response.end(JSON.stringify({ error: couchdb.down ? "bad_gateway" : "insufficient_storage" }));
  }
  const upstream = forward(
    { host: "127.0.0.1", port: couchdb.port, path: request.url.slice("/couchdb".length), method: request.method, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode, answer.headers);
      if (couchdb.cutChanges && request.url.includes("/_changes")) {
        answer.once("data", (chunk) => {
          response.write(chunk.subarray(0, Math.ceil(chunk.length / 2)));
          response.destroy();
        });
        return;
      }
      answer.pipe(response);
    },
  );
  upstream.on("error", () => response.destroy());
  request.pipe(upstream);
}

/** Copies dist/ to a fresh folder and serves it on 127.0.0.1 at a free
 * port; with `couchdb` (`{ port }`), proxies `/couchdb/` to it. */
export async function serveCopyOfDist(couchdb = null) {
  const root = await mkdtemp(join(tmpdir(), "stillpoint-dist-"));
  await cp(DIST, root, { recursive: true });
  const asked = [];
  const server = await serve(root, 0, asked, couchdb);
  const { port } = server.address();
  return {
    root,
    url: `http://127.0.0.1:${port}`,
    asked,
    couchdb,
    // Closing waits for open connections; the browser may still hold
    // keep-alive ones when the fixture is torn down, so end them too.
    close: () =>
      new Promise((done) => {
        server.close(done);
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? 8080);
  await serve(DIST, port);
  console.log(`Serving ${DIST} at http://127.0.0.1:${port}`);
}
