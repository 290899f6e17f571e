// A tag on a canvas item: a filled pill with white text whose left end starts at (x, y) (its top),
// as wide as the text plus the padding. The private-writing tag and the TOP n tag are both this.
import { FONT_FAMILY } from './layout';

export interface TagStyle {
  /** CSS font weight and size, e.g. '600 10px' (the family is the board's) */
  font: string;
  color: string;
  height: number;
  /** horizontal room around the text, both sides together */
  pad: number;
}

export function drawTag(ctx: CanvasRenderingContext2D, label: string, x: number, y: number, style: TagStyle): void {
  ctx.font = `${style.font} ${FONT_FAMILY}`;
  const tw = ctx.measureText(label).width + style.pad;
  ctx.fillStyle = style.color;
  ctx.beginPath();
  ctx.roundRect(x, y, tw, style.height, style.height / 2);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, x + style.pad / 2, y + style.height / 2 + 0.5);
}
