import type { MessageKey } from '../i18n/messages.ts';
import type { LayerId, MapMetric } from '../url-state/view-state.ts';

export const MessageKeyOf = (metric: MapMetric): MessageKey => `metric_${metric}`;
export const layerLabelKey = (id: LayerId): MessageKey => `layer_${id}`;
