// Capacity benchmarks (issue 10, Performance): the node-pool plan (bench/capacity-node-pools.ts).
// The recommendations' part is another helper's; the integrator merges both entries here.
import './capacity-node-pools';
