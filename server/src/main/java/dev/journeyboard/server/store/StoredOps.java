package dev.journeyboard.server.store;

import dev.journeyboard.protocol.message.MessageCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A board's {@code tail.log}: logged ops kept outside the shared log (the resume tail written at a snapshot,
 * and the ops of an upgraded old board). Records are framed by {@link LogRecords}; each payload is
 * {@code [seq:long][applied JSON]}, so the seq can be read without parsing the JSON.
 */
final class StoredOps {
    static final String TAIL = "tail.log";

    private StoredOps() {}

    /**
     * The file's records. It is only ever replaced whole and atomically, so any damage is corruption, never
     * a torn tail. @throws IOException then
     */
    static List<LogRecords.Rec> readTail(Path file) throws IOException {
        LogRecords.Read read = LogRecords.read(file);
        if (read.corrupt() || read.torn()) {
            throw new IOException(file + " is damaged at byte " + (read.corrupt() ? read.corruptAt() : read.validLength())
                    + " of " + read.fileLength() + "; the board is kept unavailable and nothing is overwritten");
        }
        return read.records();
    }

    static byte[] record(long seq, byte[] json) {
        return java.nio.ByteBuffer.allocate(8 + json.length).putLong(seq).put(json).array();
    }

    static long seq(byte[] record) {
        return java.nio.ByteBuffer.wrap(record, 0, 8).getLong();
    }

    static byte[] json(byte[] record) {
        return java.util.Arrays.copyOfRange(record, 8, record.length);
    }

    /** The seq of an applied message's JSON (the old layout's records had no seq of their own). */
    static long seqOf(byte[] appliedJson) {
        return MessageCodec.parseObject(appliedJson).get("seq").longValue();
    }
}
