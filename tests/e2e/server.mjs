// A small static server for a copy of the release build. Any path that is not
// a file gets index.html (deep links), as a real host for a single-page app
// would be configured. Each test gets its own copy, so a test can "deploy" a
// new build by changing files in its folder.
import { createServer } from "node:http";
import { cp, mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";

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

/** Copies dist/ to a fresh folder and serves it on 127.0.0.1 at a free port. */
export async function serveCopyOfDist() {
  const root = await mkdtemp(join(tmpdir(), "stillpoint-dist-"));
  await cp(DIST, root, { recursive: true });
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname));
    let file = join(root, path);
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
    } catch {
      file = join(root, "index.html");
    }
    const body = await readFile(file);
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    });
    response.end(body);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  return {
    root,
    url: `http://127.0.0.1:${port}`,
    // Closing waits for open connections; the browser may still hold
    // keep-alive ones when the fixture is torn down, so end them too.
    close: () =>
      new Promise((done) => {
        server.close(done);
        server.closeAllConnections();
      }),
  };
}
