// A browser-mode host in its own process for the fuzz test: the real core and server, with
// short timeouts so slow clients are cut off within the test's time. Run with tsx:
//   node --import tsx test/unit/bridge/fuzz-host.ts <dataDir> <rendererDir>
import { createCore } from '../../../main/core';
import { startHost } from '../../../main/host-server';
import { createLogger } from '../../../main/log';

const [dataDir, rendererDir] = process.argv.slice(2) as [string, string];
const log = createLogger((line) => process.stderr.write(line + '\n'));
const core = await createCore({
  info: { version: '0.0.0-fuzz', mode: 'browser', dataDir },
  log,
  heartbeatMs: 100,
});
const host = await startHost({
  core,
  log,
  rendererDir,
  limits: {
    headersTimeoutMs: 400,
    requestTimeoutMs: 800,
    keepAliveTimeoutMs: 500,
    maxConnections: 32,
  },
});
process.stdout.write(`Packline: ${host.url}\n`);
// The test holds our stdin open; if it dies without stopping us, we go too.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
