/**
 * The wall's carousel: the county, each township in code order, then each running campaign's panel
 * (when the wall shows campaigns), and round again.
 */
export interface CarouselStep {
  township: string | null;
  /** A campaign's code: its panel is shown over the county's map. */
  campaign: string | null;
}

export function carouselSteps(townships: readonly string[], campaigns: readonly string[]): CarouselStep[] {
  return [
    { township: null, campaign: null },
    ...[...townships].sort().map((township) => ({ township, campaign: null })),
    ...campaigns.map((campaign) => ({ township: null, campaign })),
  ];
}

/** The step after `current`; a step no longer in the list (a campaign ended) counts as the county. */
export function nextStep(steps: readonly CarouselStep[], current: CarouselStep): CarouselStep {
  const i = steps.findIndex((s) => s.township === current.township && s.campaign === current.campaign);
  return steps[(Math.max(i, 0) + 1) % steps.length] ?? { township: null, campaign: null };
}
