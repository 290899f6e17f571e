// The board canvas: its size and pixel ratio, one draw per animation frame when something changed,
// the feedback overlay of the gesture in progress, and what floats over its edges (insets).
import { Renderer } from '../render/renderer';
import type { Overlay, Scene } from '../render/scene';
import { Insets, NO_INSETS } from '../render/sticky';
import { TextLayout } from '../render/text';
import { h } from './dom';
import { onLangChange, t } from './i18n';
import { measureInsets } from './insets';

export interface CanvasHooks {
  /** everything the frame shows but the camera, size, overlay and insets, which the view adds */
  scene(): Omit<Scene, 'width' | 'height' | 'overlay' | 'insets'>;
  /** the first frame drawn while connected is the "first render" of the perf hooks */
  connected(): boolean;
  /** after each frame (the text editor follows the camera) */
  drawn(): void;
}

export class CanvasView {
  readonly canvas: HTMLCanvasElement;
  readonly text: TextLayout;
  readonly renderer: Renderer;
  width = 800;
  height = 600;
  /** feedback of the gesture in progress; tools set it, a pointer up clears it */
  overlay: Overlay = {};
  frames = 0;
  firstRenderAt: number | null = null;
  /** what covered the canvas edges at the last frame */
  insets: Insets = NO_INSETS;
  private readonly ctx: CanvasRenderingContext2D;
  private dpr = 1;
  private dirty = true;
  private rafPending = false;
  private hooks: CanvasHooks | null = null;
  private resizeObs: ResizeObserver | null = null;

  constructor() {
    this.canvas = h('canvas', { class: 'board-canvas', tabindex: 0, role: 'application', 'aria-roledescription': t('canvas.role'), 'aria-label': t('canvas.label') });
    onLangChange(() => {
      this.canvas.setAttribute('aria-label', t('canvas.label'));
      this.canvas.setAttribute('aria-roledescription', t('canvas.role'));
    });
    this.ctx = this.canvas.getContext('2d', { alpha: false })!;
    this.text = new TextLayout(measureWith(document.createElement('canvas').getContext('2d')!));
    this.renderer = new Renderer(this.text);
  }

  /** Starts drawing: the canvas follows the size of wrap. */
  start(wrap: HTMLElement, hooks: CanvasHooks): void {
    this.hooks = hooks;
    this.resizeObs = new ResizeObserver(() => this.resize());
    this.resizeObs.observe(wrap);
    this.resize();
  }

  requestRender(): void {
    this.dirty = true;
    if (this.rafPending) return;
    this.rafPending = true;
    requestAnimationFrame(() => {
      this.rafPending = false;
      if (this.dirty) this.render();
    });
  }

  render(): void {
    const hooks = this.hooks;
    if (!hooks) return;
    this.dirty = false;
    this.ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.insets = measureInsets(this.canvas);
    const scene: Scene = { ...hooks.scene(), width: this.width, height: this.height, overlay: this.overlay, insets: this.insets };
    this.renderer.draw(this.ctx, scene);
    this.frames++;
    if (this.firstRenderAt === null && hooks.connected()) this.firstRenderAt = performance.now();
    hooks.drawn();
  }

  /** A point of a pointer or mouse event in canvas pixels. */
  localPoint(ev: { clientX: number; clientY: number }): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: ev.clientX - r.left, y: ev.clientY - r.top };
  }

  focus(): void { this.canvas.focus({ preventScroll: true }); }

  /** The insets now (after the DOM changed, before the next frame). */
  measureInsets(): Insets { return (this.insets = measureInsets(this.canvas)); }

  private resize(): void {
    const wrap = this.canvas.parentElement!;
    const r = wrap.getBoundingClientRect();
    this.width = Math.max(1, r.width);
    this.height = Math.max(1, r.height);
    this.dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.requestRender();
  }

  destroy(): void { this.resizeObs?.disconnect(); }
}

function measureWith(ctx: CanvasRenderingContext2D) {
  return (s: string, font: string): number => {
    if (ctx.font !== font) ctx.font = font;
    return ctx.measureText(s).width;
  };
}
