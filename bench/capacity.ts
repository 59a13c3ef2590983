// Capacity benchmarks (issue 10): each part in its own module, written to BENCHMARKS.md.
// Part "recommendations": bench/capacity-recommendations.ts.
import { benchRecommendations } from './capacity-recommendations';
import { writeBenchmarkSection } from './report';

const recommendations = await benchRecommendations({
  pods: Number(process.env.BENCH_PODS ?? 2000),
  days: Number(process.env.BENCH_DAYS ?? 14),
});
writeBenchmarkSection('capacity-recommendations', recommendations.lines);
