// Canvas renderer: one pass per frame over the visible part of the board (off-screen items are
// culled, text layouts come from the layout cache, tiny zoom levels draw simplified cards). The
// layers, bottom to top: background dots, grid, emotion-round results, cards (with their round
// pills), free items, facilitation marks, gesture feedback, other people.
import { drawCards } from './cards';
import { DEFAULT_EMOTION_VIEW, drawCardRounds, drawEmotionRounds } from './emotion-band';
import type { DrawnPoint, EmotionView } from './emotion-band';
import { drawnProfiles, drawPersonaBadges, NO_PERSONA_VIEW } from './persona-card';
import type { DrawnBadge, PersonaView } from './persona-card';
import { drawFree } from './free';
import { drawGrid } from './grid';
import type { Rect } from './layout';
import { drawMarks } from './marks';
import { drawStageMeans } from './data-draw';
import { drawOverlay, drawPeers } from './overlay';
import type { Camera, Scene } from './scene';
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

  constructor(private readonly text: TextLayout) {}

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
    drawGrid(ctx, s, view, this.text);
    this.lastEmotion = drawEmotionRounds(ctx, s, view, this.emotion);
    this.drawnCards = drawCards(ctx, s, view, this.text);
    drawStageMeans(ctx, s.layout, view, z, this.text);
    drawCardRounds(ctx, s, view, this.emotion);
    this.lastPersonas = { badges: drawPersonaBadges(ctx, s, view), profiles: drawnProfiles(s, view) };
    drawFree(ctx, s, view, this.text);
    if (s.marks) drawMarks(ctx, s, s.marks);
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
