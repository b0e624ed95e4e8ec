import { defineMessages } from '../i18n/local-messages.ts';

/** The legend's own strings: what its per-class counts count. */
export const legendText = defineMessages({ countTownships: '乡镇数', countVillages: '村（社区）数' }, { countTownships: 'Townships', countVillages: 'Villages' });
