// Capacity benchmarks (issue 10, Performance), each part in its own module, written to BENCHMARKS.md:
// the node-pool plan (bench/capacity-node-pools.ts) and the usage read for recommendations
// (bench/capacity-recommendations.ts). The whole recommendation computation, cold and cached:
// bench/recommendations.ts (npm run bench:recommendations).
import { benchRecommendations } from './capacity-recommendations';
import { writeBenchmarkSection } from './report';

await import('./capacity-node-pools');
const recommendations = await benchRecommendations({
  pods: Number(process.env.BENCH_PODS ?? 2000),
  days: Number(process.env.BENCH_DAYS ?? 14),
});
writeBenchmarkSection('capacity-recommendations', recommendations.lines);
