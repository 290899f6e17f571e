package dev.journeyboard.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The disk's own fsync latency, measured during the run on the file system of the server's data
 * directory: a thread appends a small record to a file of its own and makes it durable with
 * {@code FileChannel.force(false)} (fdatasync), like the embedded store's group commit does with
 * {@code ops.log}, about every {@code interval}. Each write+force is timed into a histogram. The file is
 * truncated when it passes 1 MiB and deleted at the end.
 *
 * <p>The probe adds ~100 small fsyncs a second to the disk the server uses: a small load of its own, but
 * it is the only way to know, in the same run, what the disk's fsync cost the server.
 */
final class FsyncProbe extends ProbeThread implements AutoCloseable {
    static final int RECORD_BYTES = 256;
    private static final long ROTATE_BYTES = 1 << 20;

    private final Path file;
    private final long intervalNanos;
    private final FileChannel channel;
    private final ByteBuffer record = ByteBuffer.allocateDirect(RECORD_BYTES);
    private final Histogram micros = LoopStats.hist();
    private volatile String failure;

    /** Creates the probe file in {@code dir} (which must be on the file system to measure). */
    FsyncProbe(Path dir, Duration interval) throws IOException {
        super("fsync-probe");
        this.file = Files.createTempFile(dir, ".jb-fsync-probe-", ".bin");
        this.intervalNanos = interval.toNanos();
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        for (int i = 0; i < RECORD_BYTES; i++) record.put((byte) ('a' + i % 26));
    }

    Path file() {
        return file;
    }

    @Override
    long step() {
        long next = System.nanoTime() + intervalNanos;
        try {
            once();
        } catch (IOException e) {
            failure = e.toString();
            return -1;
        }
        return Math.max(0, next - System.nanoTime());
    }

    /** One timed append + fdatasync; returns its duration in microseconds. */
    long once() throws IOException {
        if (channel.size() > ROTATE_BYTES) {
            channel.truncate(0);
            channel.force(true);
        }
        record.clear();
        long t = System.nanoTime();
        while (record.hasRemaining()) channel.write(record);
        channel.force(false);
        long us = (System.nanoTime() - t) / 1000;
        synchronized (micros) {
            LoopStats.record(micros, us);
        }
        return us;
    }

    /** Stops the thread (waiting for its current fsync) and returns what it measured. */
    ObjectNode stop() {
        halt(10_000);
        Histogram h;
        synchronized (micros) {
            h = micros.copy();
        }
        ObjectNode o = summary(h, intervalNanos / 1e6);
        o.put("file", file.toString());
        if (failure != null) o.put("failure", failure);
        return o;
    }

    /** The probe's statistics as the report puts them. */
    static ObjectNode summary(Histogram h, double intervalMs) {
        return RunResult.hist(h, "append of " + RECORD_BYTES + " bytes + fdatasync (FileChannel.force(false)) on the server data dir's "
                + "file system, every " + Targets.fmt(intervalMs) + " ms during the measured window");
    }

    /** What the report says when there was no probe. */
    static ObjectNode notMeasured(String why) {
        return JsonNodeFactory.instance.objectNode().put("what", "not measured: " + why).put("count", 0);
    }

    @Override
    public void close() {
        halt(0);
        try {
            channel.close();
        } catch (IOException e) {
            // closing a probe file
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a small temp file left behind
        }
    }
}
