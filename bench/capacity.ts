// Capacity benchmarks (issue 10, Performance), written to BENCHMARKS.md: the node-pool plan
// (bench/capacity-node-pools.ts, pure) and container recommendations from the stored rollups on
// Postgres, cold and cached (bench/capacity-recommendations.ts).
import { loadavg } from 'node:os';
import { benchNodePools } from './capacity-node-pools';
import { benchRecommendations } from './capacity-recommendations';
import { writeBenchmarkSection } from './report';

// Other work on the machine shows in the medians: say how loaded it was.
const load = () => `Machine load average (1 min) when measured: ${loadavg()[0]!.toFixed(1)} on 2 cores (${new Date().toISOString().slice(0, 10)}).`;
const nodePools = benchNodePools().lines;
writeBenchmarkSection('capacity-node-pools', [...nodePools, '', load()]);
const recommendations = (await benchRecommendations()).lines;
writeBenchmarkSection('capacity-recommendations', [...recommendations, '', load()]);
