// A free TCP port on 127.0.0.1 for a server a test starts (pouchdb-server,
// nginx, a WebDriver): the system picks one, which is then let go.
import { createServer } from "node:net";

/** A port nothing listens on now. */
export async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}
