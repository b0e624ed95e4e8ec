import { describe, expect, it } from 'vitest';
import { type CarouselStep, carouselSteps, nextStep } from './carousel.ts';

const county: CarouselStep = { township: null, campaign: null };
const t = (township: string): CarouselStep => ({ township, campaign: null });
const c = (campaign: string): CarouselStep => ({ township: null, campaign });

describe('the wall carousel', () => {
  const steps = carouselSteps(['430421120', '430421110'], ['qingyuan']);

  it('county, townships in code order, then the campaigns', () => {
    expect(steps).toEqual([county, t('430421110'), t('430421120'), c('qingyuan')]);
  });

  it.each<[string, CarouselStep, CarouselStep]>([
    ['county to the first township', county, t('430421110')],
    ['township to township', t('430421110'), t('430421120')],
    ['last township to the campaign', t('430421120'), c('qingyuan')],
    ['campaign back to the county', c('qingyuan'), county],
    ['a campaign that has ended: as from the county', c('leiting'), t('430421110')],
    ['a township not in the list: as from the county', t('430421999'), t('430421110')],
  ])('%s', (_n, from, to) => expect(nextStep(steps, from)).toEqual(to));

  it('without campaigns it is the townships round as before', () => {
    const plain = carouselSteps(['430421110'], []);
    expect(nextStep(plain, t('430421110'))).toEqual(county);
  });
});
