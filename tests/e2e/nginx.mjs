// Runs deploy/stillpoint.conf with Debian's nginx (installed by `cargo
// xtask test`), in front of a copy of the build and a CouchDB server, as a
// clinic would: only the paths that place files on this machine, the
// listening address and the upstream's port change.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports.mjs";

const DEPLOY = new URL("../../deploy/", import.meta.url).pathname;

/** Starts nginx serving `root` and proxying /couchdb/ to `couchdbPort`,
 * signing in there as `user` (`{ name, password }`); returns its `url`
 * and `stop()`. */
export async function startNginx(root, couchdbPort, user) {
  const port = await freePort();
  const prefix = await mkdtemp(join(tmpdir(), "stillpoint-nginx-"));
  await mkdir(join(prefix, "snippets"));
  await writeFile(join(prefix, "snippets", "stillpoint-headers.conf"), await readFile(join(DEPLOY, "stillpoint-headers.conf")));
  const site = (await readFile(join(DEPLOY, "stillpoint.conf"), "utf8"))
    .replace("listen 80;", `listen 127.0.0.1:${port};`)
    .replace("root /srv/stillpoint;", `root ${root};`)
    .replace("server 127.0.0.1:5984;", `server 127.0.0.1:${couchdbPort};`)
    .replace("CLINIC_CREDENTIALS_BASE64", Buffer.from(`${user.name}:${user.password}`).toString("base64"));
  await writeFile(join(prefix, "stillpoint.conf"), site);
  await writeFile(
    join(prefix, "nginx.conf"),
    [
      "user root;",
      "worker_processes 1;",
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/error.log;`,
      "events { worker_connections 64; }",
      "http {",
      "  include /etc/nginx/mime.types;",
      "  default_type application/octet-stream;",
      `  access_log ${prefix}/access.log;`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${prefix}/${kind};`),
      `  include ${prefix}/stillpoint.conf;`,
      "}",
    ].join("\n"),
  );
  const child = spawn("nginx", ["-p", prefix, "-c", join(prefix, "nginx.conf"), "-g", "daemon off;"], { stdio: "inherit" });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      await fetch(url);
      break;
    } catch {
      if (tries > 100) throw new Error("nginx did not start");
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { url, stop: () => child.kill() };
}
