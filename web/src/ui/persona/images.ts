// Persona photos in the browser: uploads them to the server (POST /api/boards/{id}/images, with
// this page's token) and loads them for the canvas, each once; a photo that arrives asks for a
// new frame. One per board page (the side panel and the renderer share it).
import type { PersonaView } from '../../render/persona-card';
import type { CanvasView } from '../canvas-view';
import { onLangChange, t } from '../i18n';

export interface UploadedImage { id: string; type: string; width: number; height: number }

export class PersonaImages {
  private readonly loaded = new Map<string, HTMLImageElement | null>();

  constructor(private readonly boardId: string, private readonly token: string, private readonly loadedOne: () => void) {}

  url(id: string): string {
    return `/api/boards/${encodeURIComponent(this.boardId)}/images/${encodeURIComponent(id)}?token=${encodeURIComponent(this.token)}`;
  }

  /** The photo once it has loaded; starts loading it on first ask. */
  image(id: string): HTMLImageElement | null {
    const known = this.loaded.get(id);
    if (known !== undefined) return known && known.complete && known.naturalWidth > 0 ? known : null;
    const img = new Image();
    img.decoding = 'async';
    img.onload = () => this.loadedOne();
    img.onerror = () => this.loaded.set(id, null);
    img.src = this.url(id);
    this.loaded.set(id, img);
    return null;
  }

  /** Uploads a file; rejects with the server's message (too large, not an image, …). */
  async upload(file: Blob): Promise<UploadedImage> {
    const res = await fetch(`/api/boards/${encodeURIComponent(this.boardId)}/images?token=${encodeURIComponent(this.token)}`, {
      method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' },
    });
    const body = (await res.json().catch(() => ({}))) as Partial<UploadedImage> & { code?: string; message?: string };
    if (!res.ok || typeof body.id !== 'string') throw new UploadError(body.code ?? `HTTP ${res.status}`, body.message ?? '');
    return body as UploadedImage;
  }

  view(words: { goals: string; frustrations: string }): PersonaView {
    return { ...words, image: (id) => this.image(id) };
  }
}

export class UploadError extends Error {
  constructor(readonly code: string, message: string) {
    super(message || code);
  }
}

let current: PersonaImages | null = null;

/** The board page sets this once it knows its board and token. */
export function setPersonaImages(images: PersonaImages | null): void { current = images; }
export function personaImages(): PersonaImages | null { return current; }

/**
 * For the board page: one PersonaImages for this board and token, shared by the side panel and the renderer
 * (whose persona words follow the UI language).
 */
export function installPersonaImages(boardId: string, token: string, view: CanvasView): PersonaImages {
  const images = new PersonaImages(boardId, token, () => { view.requestRender(); });
  setPersonaImages(images);
  const words = () => ({ goals: t('persona.goals'), frustrations: t('persona.frustrations') });
  view.renderer.persona = images.view(words());
  onLangChange(() => { view.renderer.persona = images.view(words()); });
  return images;
}
