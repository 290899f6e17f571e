// Canvas renderer: one pass per frame over the visible part of the board (off-screen items are
// culled, text layouts come from the layout cache, lower zoom levels draw screen-sized text cut
// per zoom bucket, tiny ones blocks). The layers, bottom to top: background dots, grid,
// emotion-round results, cards (with their round pills and persona badges), the sticky headers,
// free items (notes float over everything), TOP and scope marks, facilitation marks, open-thread bubbles, gesture
// feedback, other people.
import { drawCards } from './cards';
import { drawCommentBadges } from './comment-badges';
import type { DrawnCommentBadge } from './comment-badges';
import { DEFAULT_EMOTION_VIEW, drawCardRounds, drawEmotionRounds } from './emotion-band';
import type { DrawnPoint, EmotionView } from './emotion-band';
import { drawnProfiles, drawPersonaBadges, NO_PERSONA_VIEW } from './persona-card';
import type { DrawnBadge, PersonaView } from './persona-card';
import { drawFree } from './free';
import { drawGrid } from './grid';
import { drawHeaders } from './headers';
import { drawHighlights } from './highlights';
import type { Rect } from './layout';
import { LowCardCache } from './lod';
import { drawMarks } from './marks';
import { drawStageMeans } from './data-draw';
import { drawOverlay, drawPeers } from './overlay';
import { drawPlanMarks } from './plan-marks';
import type { Camera, Scene } from './scene';
import { NATURAL, NO_INSETS, Sticky, stickyHeaders } from './sticky';
import type { TextLayout } from './text';
import { COLORS } from './theme';

export type { Camera, FacilitationMarks, Overlay, PeerView, RenderLabels, Scene } from './scene';

export class Renderer {
  /** milliseconds the last draw() took (for PERF.md and the perf hook) */
  lastDrawMs = 0;
  drawnCards = 0;
  /** which emotion rounds to draw (the UI's choice; the PNG export draws the same) */
  emotion: EmotionView = DEFAULT_EMOTION_VIEW;
  /** the emotion-round points the last draw() drew (tests) */
  lastEmotion: DrawnPoint[] = [];
  /** persona words and photos (the UI's; the PNG export draws the same) */
  persona: PersonaView = NO_PERSONA_VIEW;
  /** what the last draw() drew of personas (tests) */
  lastPersonas: { badges: DrawnBadge[]; profiles: { card: string; photo: boolean }[] } = { badges: [], profiles: [] };
  /** the open-thread bubbles the last draw() drew (the comments UI opens threads on a click there) */
  lastCommentBadges: DrawnCommentBadge[] = [];

  private readonly low: LowCardCache;

  constructor(private readonly text: TextLayout) {
    this.low = new LowCardCache(text);
  }

  /** Where the headers of a scene are drawn (headers stick only on screen, not in the PNG). */
  static sticky(s: Pick<Scene, 'layout' | 'camera' | 'chrome' | 'insets'>): Sticky {
    return s.chrome ? stickyHeaders(s.layout, s.camera, s.insets ?? NO_INSETS) : NATURAL;
  }

  draw(ctx: CanvasRenderingContext2D, scene: Scene): void {
    const t0 = performance.now();
    const s = scene.persona ? scene : { ...scene, persona: this.persona };
    const { camera: cam, width, height } = s;
    const z = cam.zoom;
    const view: Rect = { x: cam.x, y: cam.y, w: width / z, h: height / z };
    ctx.save();
    if (s.background) {
      ctx.fillStyle = COLORS.bg;
      ctx.fillRect(0, 0, width, height);
      if (z >= 0.5) drawDots(ctx, cam, width, height);
    }
    ctx.scale(z, z);
    ctx.translate(-cam.x, -cam.y);
    const sticky = Renderer.sticky(s);
    drawGrid(ctx, s, view);
    this.lastEmotion = drawEmotionRounds(ctx, s, view, this.emotion);
    this.drawnCards = drawCards(ctx, s, view, this.low, this.text);
    drawStageMeans(ctx, s.layout, view, z, this.text);
    drawCardRounds(ctx, s, view, this.emotion);
    this.lastPersonas = { badges: drawPersonaBadges(ctx, s, view), profiles: drawnProfiles(s, view) };
    drawHeaders(ctx, s, view, this.text, sticky);
    drawFree(ctx, s, view, this.text);
    drawPlanMarks(ctx, s, view);
    drawHighlights(ctx, s, view);
    if (s.marks) drawMarks(ctx, s, s.marks, sticky);
    this.lastCommentBadges = s.chrome ? drawCommentBadges(ctx, s, view) : [];
    if (s.chrome) drawOverlay(ctx, s);
    if (s.chrome) drawPeers(ctx, s, this.text);
    ctx.restore();
    this.lastDrawMs = performance.now() - t0;
  }
}

function drawDots(ctx: CanvasRenderingContext2D, cam: Camera, width: number, height: number): void {
  const step = 24 * cam.zoom;
  const ox = (-cam.x * cam.zoom) % step;
  const oy = (-cam.y * cam.zoom) % step;
  ctx.fillStyle = COLORS.dot;
  for (let x = ox; x < width; x += step) for (let y = oy; y < height; y += step) ctx.fillRect(x, y, 1.5, 1.5);
}
