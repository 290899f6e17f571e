package dev.journeyboard.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Every write and sync of the embedded store goes through here. The real one is the channel's own; a test
 * hands in one that fails part-way through a write (as a full disk does), so the store's failure handling is
 * tested on its real code path on every machine, not only where a test can fill a real file system.
 */
interface DiskIo {
    DiskIo REAL = new DiskIo() {};

    /** Like {@link FileChannel#write(ByteBuffer, long)}: may write part of {@code src}. */
    default int write(FileChannel ch, ByteBuffer src, long position) throws IOException {
        return ch.write(src, position);
    }

    /** fdatasync (file size included: what a reader needs to find the data). */
    default void force(FileChannel ch) throws IOException {
        ch.force(false);
    }

    default void writeFully(FileChannel ch, ByteBuffer src, long position) throws IOException {
        long p = position;
        while (src.hasRemaining()) p += write(ch, src, p);
    }
}
