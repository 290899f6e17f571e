// Text wrapping with cached glyph widths: CJK breaks between any two characters, Latin text at
// spaces (long words are split). Results are cached per (font, width, text), so laying out
// thousands of cards again after an edit costs almost nothing.
export type MeasureFn = (s: string, font: string) => number;

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

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
    for (const para of text.split('\n')) {
      // tokens: a CJK char, a run of spaces, or a run of other chars (a word)
      const tokens = para.match(/[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|\s+|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+/g) ?? [''];
      let line = '';
      let lineW = 0;
      for (const tok of tokens) {
        const w = this.width(tok, font);
        if (lineW + w <= maxWidth || line === '') {
          if (w > maxWidth && !CJK.test(tok) && !/^\s+$/.test(tok)) {
            // a word longer than the line: split it by characters
            for (const ch of tok) {
              const cw = this.charWidth(ch, font);
              if (lineW + cw > maxWidth && line !== '') {
                out.push(line);
                line = '';
                lineW = 0;
              }
              line += ch;
              lineW += cw;
            }
            continue;
          }
          line += tok;
          lineW += w;
        } else if (/^\s+$/.test(tok)) {
          out.push(line);
          line = '';
          lineW = 0;
        } else {
          out.push(line.trimEnd());
          line = tok;
          lineW = w;
          if (w > maxWidth) {
            line = '';
            lineW = 0;
            for (const ch of tok) {
              const cw = this.charWidth(ch, font);
              if (lineW + cw > maxWidth && line !== '') {
                out.push(line);
                line = '';
                lineW = 0;
              }
              line += ch;
              lineW += cw;
            }
          }
        }
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
