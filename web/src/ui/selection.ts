// The local selection: ids of selected elements. Listeners hear committed changes (presence, side
// panel, redraw); a box selection in progress updates quietly and commits at the end.
export class Selection {
  private ids = new Set<string>();
  private readonly listeners: (() => void)[] = [];

  onChange(fn: () => void): void { this.listeners.push(fn); }

  get size(): number { return this.ids.size; }
  has(id: string): boolean { return this.ids.has(id); }
  list(): string[] { return [...this.ids]; }
  /** the live set, for drawing and building ops (do not change it) */
  get set(): ReadonlySet<string> { return this.ids; }

  select(ids: Iterable<string>): void {
    this.ids = new Set(ids);
    this.changed();
  }

  toggle(id: string): void {
    if (this.ids.has(id)) this.ids.delete(id);
    else this.ids.add(id);
    this.changed();
  }

  /** Forgets ids the predicate says are gone; tells the listeners if any were. */
  retain(keep: (id: string) => boolean): void {
    let changed = false;
    for (const id of [...this.ids]) if (!keep(id)) { this.ids.delete(id); changed = true; }
    if (changed) this.changed();
  }

  /** A box selection in progress: no listener hears of it until changed(). */
  preview(ids: Set<string>): void { this.ids = ids; }

  changed(): void { for (const fn of this.listeners) fn(); }
}
