import { useEffect } from 'react';
import { type CarouselStep, carouselSteps, nextStep } from './carousel.ts';

/** Carousel: every `seconds`, the next step (carousel.ts); 0 = off. */
export function useWallCarousel(seconds: number, current: CarouselStep, townships: string[], campaigns: string[], go: (step: CarouselStep) => void): void {
  const key = `${townships.join(',')}|${campaigns.join(',')}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the two lists, whose array identity changes on every refresh; depending on the arrays would restart the timer each time
  useEffect(() => {
    if (seconds <= 0 || townships.length + campaigns.length === 0) return;
    const timer = window.setTimeout(() => go(nextStep(carouselSteps(townships, campaigns), current)), seconds * 1000);
    return () => window.clearTimeout(timer);
  }, [seconds, current.township, current.campaign, key, go]);
}
