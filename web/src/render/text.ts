// Text wrapping with cached glyph widths: CJK breaks between any two characters, Latin text at
// spaces (long words are split). Results are cached per (font, width, text), so laying out
// thousands of cards again after an edit costs almost nothing.
export type MeasureFn = (s: string, font: string) => number;

function isCjk(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xd840 && c <= 0xd87f);
}

export class TextLayout {
  private readonly charWidths = new Map<string, Map<string, number>>();
  private readonly cache = new Map<string, string[]>();
  constructor(private readonly measure: MeasureFn) {}

  charWidth(ch: string, font: string): number {
    let m = this.charWidths.get(font);
    if (!m) this.charWidths.set(font, (m = new Map()));
    let w = m.get(ch);
    if (w === undefined) {
      w = this.measure(ch, font);
      m.set(ch, w);
    }
    return w;
  }

  width(s: string, font: string): number {
    let w = 0;
    for (const ch of s) w += this.charWidth(ch, font);
    return w;
  }

  /** The text on one line of maxWidth, cut with an ellipsis (at any character) if it is longer. */
  ellipsize(text: string, font: string, maxWidth: number): string {
    const one = text.replace(/\s+/g, ' ').trim();
    if (this.width(one, font) <= maxWidth) return one;
    const chars = [...one];
    let w = this.width('…', font);
    let n = 0;
    while (n < chars.length && w + this.charWidth(chars[n], font) <= maxWidth) w += this.charWidth(chars[n++], font);
    return n ? chars.slice(0, n).join('').trimEnd() + '…' : '';
  }

  /**
   * At most maxLines lines wrapped between words; when the text is longer, the last line holds
   * as much of the rest as fits, cut at any character with an ellipsis (not a short last word).
   */
  clamp(text: string, font: string, maxWidth: number, maxLines: number): string[] {
    const key = `c|${font}|${maxWidth}|${maxLines}|${text}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const lines = this.wrap(text, font, maxWidth, maxLines);
    let out = lines;
    if (lines.length === maxLines && lines[maxLines - 1].endsWith('…')) {
      let cursor = 0;
      for (const ln of lines.slice(0, -1)) {
        const at = text.indexOf(ln, cursor);
        if (at < 0) break;
        cursor = at + ln.length;
      }
      out = [...lines.slice(0, -1), this.ellipsize(text.slice(cursor), font, maxWidth)];
    }
    this.cache.set(key, out);
    return out;
  }

  /** The widest word of a text (what a line must hold for it to wrap between words only; CJK breaks anywhere). */
  widestWord(text: string, font: string): number {
    let max = 0, w = 0;
    for (const ch of text) {
      if (ch === ' ' || ch === '\t' || ch === '\n' || isCjk(ch)) {
        max = Math.max(max, w, isCjk(ch) ? this.charWidth(ch, font) : 0);
        w = 0;
      } else w += this.charWidth(ch, font);
    }
    return Math.max(max, w);
  }

  /** Lines of text fitting maxWidth; at most maxLines (the last one ends with an ellipsis if cut). */
  wrap(text: string, font: string, maxWidth: number, maxLines = 1000): string[] {
    const key = `${font}|${maxWidth}|${maxLines}|${text}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const lines = this.doWrap(text, font, maxWidth, maxLines);
    if (this.cache.size > 50000) this.cache.clear();
    this.cache.set(key, lines);
    return lines;
  }

  private doWrap(text: string, font: string, maxWidth: number, maxLines: number): string[] {
    const out: string[] = [];
    // one pass per paragraph; a break is allowed after spaces and before/after CJK characters
    for (const para of text.split('\n')) {
      let line = '';
      let lineW = 0;
      let breakAt = 0; // length of line up to the last allowed break
      let breakW = 0; // width of line up to breakAt
      for (const ch of para) {
        const cw = this.charWidth(ch, font);
        const cjk = isCjk(ch);
        const space = ch === ' ' || ch === '\t';
        if (cjk && line !== '') { breakAt = line.length; breakW = lineW; }
        if (lineW + cw > maxWidth && line !== '') {
          if (space) {
            out.push(line.trimEnd());
            line = '';
            lineW = 0;
            breakAt = 0;
            breakW = 0;
            continue;
          }
          if (breakAt > 0) {
            out.push(line.slice(0, breakAt).trimEnd());
            line = line.slice(breakAt);
            lineW -= breakW;
          } else {
            out.push(line);
            line = '';
            lineW = 0;
          }
          breakAt = 0;
          breakW = 0;
          if (out.length > maxLines) break;
        }
        if (space && line === '' && out.length > 0) continue; // no leading space on a wrapped line
        line += ch;
        lineW += cw;
        if (space || cjk) { breakAt = line.length; breakW = lineW; }
      }
      out.push(line.trimEnd());
      if (out.length > maxLines) break;
    }
    if (out.length > maxLines) {
      const cut = out.slice(0, maxLines);
      let last = cut[maxLines - 1];
      while (last.length && this.width(last + '…', font) > maxWidth) last = [...last].slice(0, -1).join('');
      cut[maxLines - 1] = last + '…';
      return cut;
    }
    return out;
  }
}
