// A generated avatar for a persona without a photo: initials on a colour derived from the name,
// the same on every client (and in the PNG export). CJK-aware: a Chinese name shows its first
// character (the family name, 李 of 李女士); a Latin one the first letters of its first and last
// words (Ms Li → ML); otherwise the first character.

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff]/u;

export function initials(name: string): string {
  const s = name.trim();
  if (!s) return '?';
  const first = [...s][0];
  if (CJK.test(first)) return first;
  const words = s.split(/[\s·.\-_]+/u).filter((w) => /\p{L}|\p{N}/u.test(w));
  if (!words.length) return first.toUpperCase();
  const letter = (w: string) => [...w].find((c) => /\p{L}|\p{N}/u.test(c)) ?? '';
  const out = words.length === 1 ? letter(words[0]) : letter(words[0]) + letter(words[words.length - 1]);
  return out.toUpperCase() || first;
}

/** A stable, readable background colour for a name (white initials stay legible on it). */
export function avatarColor(name: string): string {
  let h = 2166136261;
  for (const ch of name.trim()) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return hsl(h % 360, 55, 45);
}

function hsl(h: number, s: number, l: number): string {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** Draws a round avatar: the photo when given (cropped to a circle), else initials on the name's colour. */
export function drawAvatar(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number, name: string, photo: CanvasImageSource | null, font: string): void {
  ctx.save();
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.closePath();
  if (photo) {
    ctx.clip();
    const { w, h } = sizeOf(photo);
    const scale = Math.max((2 * r) / w, (2 * r) / h);
    ctx.drawImage(photo, cx - (w * scale) / 2, cy - (h * scale) / 2, w * scale, h * scale);
  } else {
    ctx.fillStyle = avatarColor(name);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = font;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(initials(name), cx, cy + 0.5);
  }
  ctx.restore();
}

function sizeOf(img: CanvasImageSource): { w: number; h: number } {
  const i = img as { naturalWidth?: number; naturalHeight?: number; width?: number | { baseVal: { value: number } }; height?: number | { baseVal: { value: number } } };
  const w = i.naturalWidth || (typeof i.width === 'number' ? i.width : 1) || 1;
  const h = i.naturalHeight || (typeof i.height === 'number' ? i.height : 1) || 1;
  return { w, h };
}
