// Follow me (PROTOCOL.md "Facilitation"): while the session's `follow` names someone else, my
// view tracks their viewport until I pan or zoom myself.
import type { Viewport } from '../protocol/messages';

export interface Cam { x: number; y: number; zoom: number }

/**
 * Follow-me: while session.follow names someone else, my view tracks their viewport until I pan
 * or zoom myself; re-follow turns it back on. A new `follow` always starts engaged.
 */
export class FollowState {
  target: string | null = null;
  engaged = false;

  constructor(private me: () => string | null) {}

  /** session.follow changed (or was re-sent). */
  setTarget(target: string | null): void {
    if (target !== this.target) this.engaged = target !== null;
    this.target = target;
  }

  /** The user panned or zoomed: stop following (the banner offers to follow again). */
  userMoved(): void {
    if (this.following) this.engaged = false;
  }

  refollow(): void {
    if (this.target !== null) this.engaged = true;
  }

  /** Someone else leads and I follow them. */
  get following(): boolean { return this.engaged && this.leader !== null; }

  /** The leader when it is not me. */
  get leader(): string | null {
    return this.target !== null && this.target !== this.me() ? this.target : null;
  }

  /** Someone else leads but I stepped away. */
  get paused(): boolean { return this.leader !== null && !this.engaged; }
}

/**
 * The camera that shows all of the leader's visible area (x, y, w, h in world units) in my
 * width × height, centred; falls back to their zoom when w/h are missing.
 */
export function fitViewport(vp: Viewport, width: number, height: number, minZoom = 0.05, maxZoom = 4): Cam {
  let zoom = vp.zoom;
  if (vp.w > 0 && vp.h > 0 && width > 0 && height > 0) zoom = Math.min(width / vp.w, height / vp.h);
  if (!Number.isFinite(zoom) || zoom <= 0) zoom = 1;
  zoom = Math.min(maxZoom, Math.max(minZoom, zoom));
  const w = vp.w > 0 ? vp.w : width / zoom;
  const h = vp.h > 0 ? vp.h : height / zoom;
  const cx = vp.x + w / 2;
  const cy = vp.y + h / 2;
  return { zoom, x: cx - width / zoom / 2, y: cy - height / zoom / 2 };
}
