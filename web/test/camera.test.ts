// The board camera (src/ui/camera.ts): no DOM, so it runs in node.
import { describe, expect, it } from 'vitest';
import { CameraController, MAX_ZOOM, MIN_ZOOM } from '../src/ui/camera';

const camera = () => {
  const c = new CameraController(() => ({ width: 800, height: 600 }));
  let changes = 0;
  c.onChange(() => changes++);
  return { c, changes: () => changes };
};

describe('camera', () => {
  it('maps world to screen and back', () => {
    const { c } = camera();
    c.set({ x: 100, y: 50, zoom: 2 });
    expect(c.toScreen(110, 60)).toEqual({ x: 20, y: 20 });
    expect(c.toWorld(20, 20)).toEqual({ x: 110, y: 60 });
  });

  it('zooms about a point, which stays under the pointer, within the limits', () => {
    const { c, changes } = camera();
    const before = c.toWorld(300, 200);
    c.zoomAt(300, 200, 2.5);
    expect(c.zoom).toBe(2.5);
    const after = c.toWorld(300, 200);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    c.zoomBy(100);
    expect(c.zoom).toBe(MAX_ZOOM);
    c.zoomTo(0);
    expect(c.zoom).toBe(MIN_ZOOM);
    expect(changes()).toBe(3);
  });

  it('pans by screen pixels at the current zoom', () => {
    const { c } = camera();
    c.set({ x: 0, y: 0, zoom: 2 });
    c.panBy(100, -40);
    expect(c.current).toEqual({ x: 50, y: -20, zoom: 2 });
  });

  it('fits a board; the first view fits the width with readable text', () => {
    const { c } = camera();
    c.fit({ x: 0, y: 0, w: 1400, h: 3000 });
    // the whole height must fit: (600 - 96) / 3000
    expect(c.zoom).toBeCloseTo(0.168);
    c.fit({ x: 0, y: 0, w: 1400, h: 3000 }, true);
    expect(c.zoom).toBeCloseTo((800 - 96) / 1400); // the width only
    c.fit({ x: 0, y: 0, w: 3000, h: 3000 }, true);
    expect(c.zoom).toBe(0.5); // never smaller than half size on the first view
    c.fit({ x: 0, y: 0, w: 0, h: 100 });
    expect(c.zoom).toBe(0.5); // nothing to fit: unchanged
  });

  it('tells followers what it shows in world units', () => {
    const { c, changes } = camera();
    c.set({ x: 10, y: 20, zoom: 2 });
    expect(c.viewport()).toEqual({ x: 10, y: 20, w: 400, h: 300, zoom: 2 });
    c.notify();
    expect(changes()).toBe(2);
  });
});
