package dev.journeyboard.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Framing of every log the embedded store writes (the shared write-ahead log, a board's {@code tail.log},
 * and the op logs of the old per-board layout): each record is {@code [length:int][crc32c:int][payload]}.
 *
 * <p>Reading tells two things apart. A record that is short or fails its checksum with nothing valid after
 * it is a <em>torn tail</em>: a crash during a write that was never acknowledged; it is dropped. A bad record
 * followed by a valid one is <em>corruption</em>: acknowledged data sits behind the damage (this is how a full
 * disk used to lose acknowledged ops), so nothing may be dropped silently and the caller must refuse the data.
 */
final class LogRecords {
    static final int HEADER = 8;
    static final int MAX_RECORD = 64 * 1024 * 1024;

    private LogRecords() {}

    /** One intact record: its payload and where its frame starts in the file. */
    record Rec(byte[] payload, long offset) {}

    /**
     * What a scan found.
     *
     * @param validLength end of the last intact record before any damage
     * @param corruptAt offset of the first bad record when a valid record follows it (see {@link Witness}), else -1
     * @param zeroTail  everything after the last intact record is zero bytes (true when nothing follows): for the
     *                  write-ahead log, whose segments are filled ahead of their records, that is not a torn tail;
     *                  for every other log it is (nothing here decides that)
     */
    record Read(List<Rec> records, long validLength, long fileLength, long corruptAt, boolean zeroTail) {
        boolean torn() {
            return corruptAt < 0 && validLength < fileLength;
        }

        boolean corrupt() {
            return corruptAt >= 0;
        }

        List<byte[]> payloads() {
            return records.stream().map(Rec::payload).toList();
        }
    }

    /** Decides which records found after a bad one prove corruption (all of them, or e.g. only commit marks). */
    interface Witness {
        boolean provesCorruption(byte[] payload);
    }

    static final Witness ANY_RECORD = p -> true;

    static ByteBuffer frame(List<byte[]> payloads) {
        int size = 0;
        for (byte[] p : payloads) size += HEADER + p.length;
        ByteBuffer buf = ByteBuffer.allocate(size);
        var crc = new CRC32C();
        for (byte[] p : payloads) put(buf, p, crc);
        return buf.flip();
    }

    /** Appends one framed record to {@code buf} (which must have room). */
    static void put(ByteBuffer buf, byte[] payload, CRC32C crc) {
        crc.reset();
        crc.update(payload);
        buf.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
    }

    static Read read(Path file) throws IOException {
        return read(file, ANY_RECORD);
    }

    static Read read(Path file, Witness witness) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Read(List.of(), 0, 0, -1, true);
        }
        return scan(bytes, witness);
    }

    static Read scan(byte[] bytes, Witness witness) {
        var out = new ArrayList<Rec>();
        var crc = new CRC32C();
        int pos = 0;
        while (true) {
            int len = recordLength(bytes, pos, crc);
            if (len < 0) break;
            byte[] payload = new byte[len];
            System.arraycopy(bytes, pos + HEADER, payload, 0, len);
            out.add(new Rec(payload, pos));
            pos += HEADER + len;
        }
        long corruptAt = -1;
        boolean zeroTail = true;
        for (int p = pos; p < bytes.length && zeroTail; p++) zeroTail = bytes[p] == 0;
        if (!zeroTail) { // zeros hold no record (none is empty), so only then can a witness follow
            // damage at pos: a torn tail unless some intact record (that the witness accepts) follows it
            for (int p = pos + 1; p + HEADER <= bytes.length; p++) {
                int len = recordLength(bytes, p, crc);
                if (len > 0 && witness.provesCorruption(java.util.Arrays.copyOfRange(bytes, p + HEADER, p + HEADER + len))) {
                    corruptAt = pos;
                    break;
                }
            }
        }
        return new Read(out, pos, bytes.length, corruptAt, zeroTail);
    }

    /**
     * @return the payload length of an intact record starting at {@code pos}, or -1. No record is empty: a run of
     * zero bytes (unwritten blocks after a power cut) would otherwise pass as records with checksum 0.
     */
    private static int recordLength(byte[] b, int pos, CRC32C crc) {
        if (pos + HEADER > b.length) return -1;
        int len = ByteBuffer.wrap(b, pos, HEADER).getInt();
        int sum = ByteBuffer.wrap(b, pos + 4, 4).getInt();
        if (len <= 0 || len > MAX_RECORD || (long) pos + HEADER + len > b.length) return -1;
        crc.reset();
        crc.update(b, pos + HEADER, len);
        return (int) crc.getValue() == sum ? len : -1;
    }
}
