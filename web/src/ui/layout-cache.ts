// The grid layout of the visible document, computed again only when the document or the UI
// language changed (every remote edit costs one re-layout, with warm text caches). The zoom never
// changes it: low zoom levels draw less into the same boxes (render/lod.ts).
import type { BoardDoc } from '../model/doc';
import { GridLayout, layoutBoard } from '../render/layout';
import type { TextLayout } from '../render/text';
import { lang, t } from './i18n';
import { renderLabels } from './labels';

export class LayoutCache {
  private layout: GridLayout | null = null;
  private key = '';
  private doc: BoardDoc | null = null;
  /** milliseconds the last re-layout took (perf hook) */
  lastLayoutMs = 0;

  constructor(private readonly text: TextLayout) {}

  get(doc: BoardDoc): GridLayout {
    const key = `${doc.version}|${lang()}|${doc.size}`;
    if (!this.layout || key !== this.key || this.doc !== doc) {
      const t0 = performance.now();
      this.layout = layoutBoard(doc, this.text, lang(), { stage: t('stage'), lane: t('lane') }, renderLabels());
      this.lastLayoutMs = performance.now() - t0;
      this.doc = doc;
      this.key = key;
    }
    return this.layout;
  }

  invalidate(): void {
    this.key = '';
    this.layout = null;
  }
}
