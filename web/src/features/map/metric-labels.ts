import type { MessageKey } from '../i18n/messages.ts';
import type { LayerId, MapMetric } from '../url-state/view-state.ts';
import { metricLabelKey, type Period } from './metrics.ts';

/**
 * A metric's label over a period: the dispute rate's follows its unit ("每万人纠纷数" under
 * PER_10000_BELOW_DAYS, "每千人纠纷数" beyond), so a label always names the number shown.
 */
export const MessageKeyOf = (metric: MapMetric, period?: Period | null): MessageKey => metricLabelKey(metric, period);
export const layerLabelKey = (id: LayerId): MessageKey => `layer_${id}`;
