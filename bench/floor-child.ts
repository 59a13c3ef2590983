// The floor: fetch and parse every page the collector reads, through the same request path
// (client-node's auth and fetch, one JSON.parse per page), keep nothing, write nothing.
import { listAll, makeApis } from '../lib/k8s/client';
import { loadKubeConfig } from '../lib/k8s/kubeconfig';
import { collectorLists } from './lists';

const [kubeconfig] = process.argv.slice(2);
const started = performance.now();
const apis = makeApis(loadKubeConfig({ kubeconfig }).kubeConfig);
let items = 0;
await Promise.all(
  collectorLists().map(([what, path]) =>
    listAll(what, apis.list(path), (page) => (items += page.items.length), () => {}, { pageSize: 500 }),
  ),
);
const workMs = performance.now() - started;
console.log(JSON.stringify({ workMs, maxRssMb: process.resourceUsage().maxRSS / 1024, items }));
