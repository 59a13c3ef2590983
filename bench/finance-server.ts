// The finance APIs in their own process, as the server runs them: the route handlers over
// node:http, with the clock pinned (setClock) and the demo's config (kube-system and monitoring
// shared over the teams). Usage: finance-server.ts <databaseUrl> <nowIso>. Prints its port;
// GET /rss answers the peak RSS in MB.
import { createServer } from 'node:http';
import { GET as allocation } from '../app/api/v1/allocation/route';
import { GET as monthlyReport } from '../app/api/v1/reports/monthly/route';
import { openDatabase } from '../lib/db/client';
import { setDatabase } from '../lib/db/instance';
import { DEMO_CONFIG, setConfigSource } from '../lib/settings/current';
import { setClock } from '../lib/util/clock';

const [databaseUrl, nowIso] = process.argv.slice(2);
const now = new Date(nowIso!);
setDatabase(await openDatabase({ databaseUrl }));
setConfigSource({ current: () => DEMO_CONFIG });
setClock(() => now);
const routes: [string, (request: Request) => Promise<Response>][] = [
  ['/api/v1/reports/monthly', monthlyReport],
  ['/api/v1/allocation', allocation],
];
const server = createServer(async (req, res) => {
  if (req.url === '/rss') {
    res.end(String(process.resourceUsage().maxRSS / 1024));
    return;
  }
  const handler = routes.find(([prefix]) => req.url?.startsWith(prefix))?.[1];
  if (!handler) {
    res.writeHead(404).end();
    return;
  }
  const response = await handler(new Request(`http://localhost${req.url}`));
  res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`port ${typeof address === 'object' && address ? address.port : 0}`);
});
