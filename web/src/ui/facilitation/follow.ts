// Follow me, on my side: while the session names a leader, my camera shows their viewport; my
// own pan or zoom stops following (the banner offers to follow again).
import { fitViewport, FollowState } from '../../session/follow';
import type { BoardContext } from '../context';

export class FollowCamera {
  readonly state: FollowState;
  /** the camera moves because I follow: not a move of mine */
  private applying = false;
  private followedAt = 0;

  constructor(private readonly ctx: BoardContext, private readonly changed: () => void) {
    this.state = new FollowState(() => ctx.client.me?.id ?? null);
    ctx.camera.onChange(() => this.cameraChanged());
  }

  /** session.follow arrived (changed or re-sent). */
  setTarget(target: string | null): void {
    const was = this.state.following;
    this.state.setTarget(target);
    if (this.state.following && !was) this.followedAt = Date.now();
  }

  /** Moves my camera onto the leader's viewport, if I follow someone who sent one. */
  apply(): void {
    const f = this.state;
    if (!f.following) return;
    const vp = this.ctx.client.peers.get(f.leader!)?.viewport;
    if (!vp) return;
    const { width, height } = this.ctx.view;
    const cam = fitViewport(vp, width, height);
    const cur = this.ctx.camera.current;
    if (Math.abs(cam.x - cur.x) < 0.01 && Math.abs(cam.y - cur.y) < 0.01 && Math.abs(cam.zoom - cur.zoom) < 1e-4) return;
    this.applying = true;
    try {
      this.ctx.camera.set(cam);
    } finally {
      this.applying = false;
    }
  }

  stop(): void {
    this.state.userMoved();
    this.changed();
  }

  refollow(): void {
    this.state.refollow();
    this.followedAt = Date.now();
    this.apply();
    this.changed();
  }

  /** Every camera change: one I did not make by following stops following. */
  private cameraChanged(): void {
    if (this.applying) return;
    // the first frames after engaging may still carry a gesture in flight; ignore them briefly
    if (this.state.following && Date.now() - this.followedAt > 150) {
      this.state.userMoved();
      this.changed();
    }
  }
}
