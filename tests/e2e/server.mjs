// A small static server for a copy of the release build. Any path that is not
// a file gets its app's index.html (deep links), as a real host for the two
// single-page apps would be configured: `/phone` and `/phone/…` the client's
// phone app (dist/phone/), anything else the tablet. Each test gets its own
// copy, so a test can "deploy" a new build by changing files in its folder.
//
// `node server.mjs PORT` serves dist/ itself (no copy) on 127.0.0.1:PORT:
// what `cargo xtask serve` runs.
import { createServer } from "node:http";
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
async function serve(root, port, asked = []) {
  const server = createServer(async (request, response) => {
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

/** Copies dist/ to a fresh folder and serves it on 127.0.0.1 at a free port. */
export async function serveCopyOfDist() {
  const root = await mkdtemp(join(tmpdir(), "stillpoint-dist-"));
  await cp(DIST, root, { recursive: true });
  const asked = [];
  const server = await serve(root, 0, asked);
  const { port } = server.address();
  return {
    root,
    url: `http://127.0.0.1:${port}`,
    asked,
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
