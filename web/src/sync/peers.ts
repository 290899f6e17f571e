// Who else is here, as `joined`, `left` and `presence` messages tell it.
import type { JoinedMsg, LeftMsg, Participant, PeersMsg } from '../protocol/messages';
import type { PeerState } from './socket';

export function peerState(p: Participant): PeerState {
  return { ...p, cursor: null, selection: [], viewport: null };
}

/** Applies the message to the peers; false when nothing visible changed. */
export function updatePeers(peers: Map<string, PeerState>, msg: JoinedMsg | LeftMsg | PeersMsg): boolean {
  switch (msg.type) {
    case 'joined':
      peers.set(msg.participant.id, peerState(msg.participant));
      return true;
    case 'left':
      return peers.delete(msg.id);
    case 'presence': {
      let changed = false;
      for (const u of msg.peers) {
        const p = peers.get(u.id);
        if (!p) continue;
        if (u.cursor !== undefined) { p.cursor = u.cursor ?? null; changed = true; }
        if (u.selection !== undefined) { p.selection = u.selection ?? []; changed = true; }
        if (u.viewport !== undefined) { p.viewport = u.viewport ?? null; changed = true; }
      }
      return changed;
    }
  }
}
