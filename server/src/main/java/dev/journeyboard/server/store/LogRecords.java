package dev.journeyboard.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Framing of the embedded op log: each record is {@code [length:int][crc32c:int][payload]}. A crash can
 * leave the last record torn (short, or with a checksum that does not match); {@link #read} stops there,
 * so such a record is dropped instead of being loaded as garbage.
 */
final class LogRecords {
    static final int HEADER = 8;
    private static final int MAX_RECORD = 64 * 1024 * 1024;

    private LogRecords() {}

    /** The records read and where the intact part of the file ends. */
    record Read(List<byte[]> payloads, long validLength, long fileLength) {
        boolean torn() {
            return validLength < fileLength;
        }
    }

    static ByteBuffer frame(List<byte[]> payloads) {
        int size = 0;
        for (byte[] p : payloads) size += HEADER + p.length;
        ByteBuffer buf = ByteBuffer.allocate(size);
        var crc = new CRC32C();
        for (byte[] p : payloads) {
            crc.reset();
            crc.update(p);
            buf.putInt(p.length).putInt((int) crc.getValue()).put(p);
        }
        return buf.flip();
    }

    static Read read(Path file) throws IOException {
        if (!Files.exists(file)) return new Read(List.of(), 0, 0);
        var out = new ArrayList<byte[]>();
        long valid = 0;
        long length;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            length = ch.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            var crc = new CRC32C();
            while (true) {
                header.clear();
                if (readFully(ch, header) < HEADER) break;
                header.flip();
                int len = header.getInt();
                int sum = header.getInt();
                if (len < 0 || len > MAX_RECORD || valid + HEADER + len > length) break;
                ByteBuffer body = ByteBuffer.allocate(len);
                if (readFully(ch, body) < len) break;
                crc.reset();
                crc.update(body.array());
                if ((int) crc.getValue() != sum) break;
                out.add(body.array());
                valid += HEADER + len;
            }
        }
        return new Read(out, valid, length);
    }

    private static int readFully(FileChannel ch, ByteBuffer buf) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf);
            if (n < 0) break;
            total += n;
        }
        return total;
    }
}
