import { defineMessages } from '../i18n/local-messages.ts';

/** The trend chart's words for a short period shown among the weeks before it. */
export const trendText = defineMessages(
  {
    selected: '所选期间',
    selectedWeek: '所选期间内',
    contextSub: '所选期间 {range}（高亮）及之前 {n} 周，共 {total} 周',
  },
  {
    selected: 'Selected period',
    selectedWeek: 'in the selected period',
    contextSub: 'Selected period {range} (highlighted) and the {n} weeks before, {total} weeks in all',
  },
);
