/** What a strategy proposes for one resource of one container, before the limit policy and HPA rules. */
export type Proposal =
  | { ok: true; request: number; limit: number | null; note?: string }
  | { ok: false; reason: string };

/** A strategy's proposal for both resources: CPU in millicores, memory in bytes. */
export interface StrategyProposal {
  cpu: Proposal;
  memory: Proposal;
  /** VPA only: the lower and upper bounds (millicores, bytes). */
  bounds?: {
    cpuLowerMillicores: number;
    cpuUpperMillicores: number;
    memoryLowerBytes: number;
    memoryUpperBytes: number;
  };
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;
