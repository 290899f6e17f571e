// The data block of a card, between its text and its badges: a row per measured metric and the
// customer-feedback summary. The layout asks here how tall it is; data-draw.ts draws it.
import type { BoardElement, LaneKind, Metric } from '../model/types';
import { feedbackHeight, feedbackOf } from './feedback';
import { METRIC_ROW_H, rowMetrics } from './metrics';

/** Metrics that get a row (and therefore no plain badge). */
export function metricInRow(el: BoardElement, metric: Metric): boolean {
  return rowMetrics(el.props).some((v) => v.metric === metric);
}

/** Extra height of a card for its data block; 0 in the emotion lane (narrow cards placed by score). */
export function cardDataHeight(el: BoardElement, kind: LaneKind): number {
  if (kind === 'emotions') return 0;
  const rows = rowMetrics(el.props).length;
  const fb = feedbackHeight(feedbackOf(el.props));
  const h = rows * METRIC_ROW_H + fb;
  return h ? h + 4 : 0;
}
