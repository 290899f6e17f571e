// The words the canvas renderer draws, in the current UI language.
import { KANO_VALUES, LANE_KINDS } from '../model/types';
import type { Kano, LaneKind } from '../model/types';
import type { RenderLabels } from '../render/scene';
import { MsgKey, t } from './i18n';
import { canvasLabels } from './labels-canvas';

export function renderLabels(): RenderLabels {
  const kind = {} as Record<LaneKind, string>;
  for (const k of LANE_KINDS) kind[k] = t(`kind.${k}` as MsgKey);
  const kano = {} as Record<Kano, string>;
  for (const k of KANO_VALUES) kano[k] = t(`kano.${k}` as MsgKey);
  return { addStage: t('addStage'), addLane: t('addLane'), emptyCard: t('emptyCard'), privateMark: t('private.mark'), kind, kano, ...canvasLabels() };
}
