// Who else last changed each element, from the `applied` messages (their `author`), and the names
// of everyone seen on this board (people who left keep theirs): "Sam edited this card since",
// "Li Na is editing this card".
import type { Op } from '../model/types';
import type { SyncClient } from '../sync/client';

function opIds(ops: readonly Op[], out: Set<string>): Set<string> {
  for (const op of ops) {
    if (op.op === 'batch') opIds(op.ops, out);
    else out.add(op.id);
  }
  return out;
}

export class Authors {
  private readonly last = new Map<string, string>();
  private readonly names = new Map<string, string>();

  constructor(private readonly client: SyncClient) {
    client.on('peers', () => { for (const p of client.peers.values()) this.names.set(p.id, p.name); });
    client.on('applied', (msg) => {
      if (msg.client === client.clientId) return;
      for (const id of opIds(msg.ops, new Set())) this.last.set(id, msg.author);
    });
  }

  /** The participant who last changed the element, if it was not me. */
  lastOther(id: string): string | null { return this.last.get(id) ?? null; }

  /** A participant's display name (null if never seen here). */
  name(participant: string | null): string | null {
    if (!participant) return null;
    return this.client.peers.get(participant)?.name ?? this.names.get(participant) ?? null;
  }

  /** The names of whoever else is typing into the element now. */
  editing(id: string): string[] {
    const out: string[] = [];
    for (const p of this.client.peers.values()) if (p.editing === id) out.push(p.name);
    return out;
  }
}
