import type { Tier as TierName } from '@/lib/delivery/types';

/** A DORA tier badge (elite, high, medium, low); nothing when there is no tier to give. */
export function Tier({ tier, testId }: { tier: TierName | null; testId?: string }) {
  if (tier === null) return null;
  return (
    <>
      {' '}
      <span className={`tier tier-${tier}`} data-testid={testId} title={`DORA tier: ${tier}`}>{tier}</span>
    </>
  );
}
