// What one frame draws: the document and its layout, the camera, the local user's gesture
// feedback, other people, the facilitation marks and every label (the renderer knows no UI
// language: the caller passes the words).
import type { BoardDoc } from '../model/doc';
import type { Kano, LaneKind } from '../model/types';
import type { BadgeLabels } from './badges';
import type { Highlight } from './highlights';
import type { GridLayout, Rect } from './layout';
import type { PersonaView } from './persona-card';
import type { Insets } from './sticky';

export interface Camera { x: number; y: number; zoom: number }

/** editing: the element whose text the peer is typing into */
export interface PeerView { id: string; name: string; color: string; cursor: { x: number; y: number } | null; selection: string[]; editing?: string | null }

/** Feedback of the gesture in progress (drag, box select, drawing), in world coordinates. */
export interface Overlay {
  /** ids being dragged and the world offset to draw them at */
  drag?: { ids: Set<string>; dx: number; dy: number } | null;
  dropCell?: Rect | null;
  /** where dropped cards go: a line across a one-column cell (y is its middle) */
  dropLine?: { x: number; y: number; w: number } | null;
  /** … or a bar between cards of a crowded cell, or between stages or lanes being reordered */
  dropBar?: Rect | null;
  /** the header being dragged to a new place */
  reorder?: Rect | null;
  box?: Rect | null;
  connector?: { from: { x: number; y: number }; to: { x: number; y: number } } | null;
  ink?: { points: number[]; color: string; size: number } | null;
  shape?: { rect: Rect; kind: 'rect' | 'ellipse' } | null;
  hoverCell?: Rect | null;
  resize?: { id: string; w: number; h: number } | null;
}

/** The words the canvas shows, in the UI language. */
export interface RenderLabels extends BadgeLabels {
  addStage: string;
  addLane: string;
  emptyCard: string;
  /** the tag on an element only its author sees (private writing) */
  privateMark: string;
  kind: Record<LaneKind, string>;
  kano: Record<Kano, string>;
  /** the tag on a card someone else is typing into: "{name} is typing" */
  editingTag?: (name: string) => string;
}

/**
 * Facilitation marks drawn over the items: lock icons and private marks come from the elements'
 * `locked` / `private`; the open vote frames its lanes and shows my dots.
 */
export interface FacilitationMarks {
  vote: { lanes: readonly string[]; mine: Readonly<Record<string, number>> } | null;
}

export interface Scene {
  doc: BoardDoc;
  layout: GridLayout;
  camera: Camera;
  width: number;
  height: number;
  selection: ReadonlySet<string>;
  peers: PeerView[];
  overlay: Overlay;
  editingId: string | null;
  canEditStructure: boolean;
  canEdit: boolean;
  background: boolean;
  /** draw peers/selection (off for PNG export) */
  chrome: boolean;
  labels: RenderLabels;
  /** null: no facilitation marks (PNG export) */
  marks: FacilitationMarks | null;
  /** persona section titles and photos; the renderer fills in its own when absent */
  persona?: PersonaView;
  /** screen pixels covered along the canvas edges (the sticky headers stay clear of them) */
  insets?: Insets;
  /** grid cells the local user's department may not edit (dimmed); absent or empty: none */
  outOfScope?: readonly Rect[];
  /** cards outlined by how they changed ("what changed since", render/highlights.ts); absent: none */
  highlights?: ReadonlyMap<string, Highlight>;
}
