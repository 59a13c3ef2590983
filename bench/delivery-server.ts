// The delivery API in its own process, as the server runs it: the same route handlers over
// node:http. Prints its port; GET /rss answers the peak RSS in MB.
import { createServer } from 'node:http';
import { GET as delivery } from '../app/api/v1/delivery/route';
import { GET as deployments } from '../app/api/v1/deployments/route';
import { openDatabase } from '../lib/db/client';
import { setDatabase } from '../lib/db/instance';

const [databaseUrl] = process.argv.slice(2);
setDatabase(await openDatabase({ databaseUrl }));
const server = createServer(async (req, res) => {
  if (req.url === '/rss') {
    res.end(String(process.resourceUsage().maxRSS / 1024));
    return;
  }
  const handler = req.url?.startsWith('/api/v1/deployments') ? deployments : delivery;
  const response = await handler(new Request(`http://localhost${req.url}`));
  res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`port ${typeof address === 'object' && address ? address.port : 0}`);
});
