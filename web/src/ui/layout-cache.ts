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
  /** the badge words of the current language (one object, so badges stay cached per element) */
  private labels: { lang: string; labels: ReturnType<typeof renderLabels> } | null = null;
  /** milliseconds the last re-layout took (perf hook) */
  lastLayoutMs = 0;

  constructor(private readonly text: TextLayout) {}

  get(doc: BoardDoc): GridLayout {
    const key = `${doc.version}|${lang()}|${doc.size}`;
    if (!this.layout || key !== this.key || this.doc !== doc) {
      const t0 = performance.now();
      if (this.labels?.lang !== lang()) this.labels = { lang: lang(), labels: renderLabels() };
      this.layout = layoutBoard(doc, this.text, lang(), { stage: t('stage'), lane: t('lane') }, this.labels.labels);
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
