package dev.journeyboard.server.cluster;

import dev.journeyboard.protocol.message.MessageCodec;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A relaying node's copy of the recent tail of one board's op log (entry id {@code <seq>-0}, field {@code op} =
 * the {@code applied} JSON, exactly as the store wrote it): the ops a {@link Records.Log} names are taken from
 * here and framed the way the serving room framed them (one {@code applied}, or a {@code batch} of several), so
 * the checksum the room sent says whether both hold the same ops. Relay room context only.
 */
final class OpLog {
    /** Kept at most, whoever still needs them (older ones are read again from Redis when needed). */
    private static final int MAX_ENTRIES = 20_000;

    /** A frame built for some seqs, with its checksum. */
    record Built(long first, long last, Buffer frame, int crc) {}

    private final TreeMap<Long, byte[]> entries = new TreeMap<>();
    /** The last seq the stream reader delivered (entries up to here were read, whether still kept or not). */
    private long readUpTo = -1;
    private Built lastBuilt;

    long readUpTo() {
        return readUpTo;
    }

    /** From the stream reader, in order. */
    void read(long seq, byte[] applied) {
        put(seq, applied);
        readUpTo = Math.max(readUpTo, seq);
    }

    /** From a fetch of a range (fills a hole, or replaces ops the serving room rewrote). */
    void put(long seq, byte[] applied) {
        byte[] before = entries.put(seq, applied);
        if (before != null && lastBuilt != null && seq >= lastBuilt.first() && seq <= lastBuilt.last()) lastBuilt = null;
        while (entries.size() > MAX_ENTRIES) entries.pollFirstEntry();
    }

    /** The frame of seqs {@code first..last}, or null if some are not here. */
    Built frame(long first, long last) {
        if (lastBuilt != null && lastBuilt.first() == first && lastBuilt.last() == last) return lastBuilt;
        var parts = new ArrayList<byte[]>((int) Math.min(1024, last - first + 1));
        for (long s = first; s <= last; s++) {
            byte[] e = entries.get(s);
            if (e == null) return null;
            parts.add(e);
        }
        Buffer frame = Buffer.buffer(parts.size() == 1 ? parts.getFirst() : MessageCodec.encodeBatch(parts));
        var c = new CRC32C();
        c.update(frame.getBytes());
        lastBuilt = new Built(first, last, frame, (int) c.getValue());
        return lastBuilt;
    }

    /** Forgets the entries up to {@code seq}: every relayed socket has them. */
    void forgetUpTo(long seq) {
        entries.headMap(seq, true).clear();
    }

    /** Seq of a stream entry id {@code <seq>-0}. */
    static long seqOf(String entryId) {
        int dash = entryId.indexOf('-');
        return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
    }
}
