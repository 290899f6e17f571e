package dev.journeyboard.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.load.bench.Microbench;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import dev.journeyboard.protocol.op.Op;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The load generator's own cost per received frame (it shares two cores with the server, so every
 * microsecond here is taken from the server): a {@code batch} frame of 40 {@code applied} (what one group
 * commit sends to each of a crowd's sockets) and a {@code presence} frame of 30 cursors, read the way the
 * generator used to (Vert.x's message aggregation copy plus {@code getBytes}, a shared {@link Recorder} and
 * {@link LongAdder}s, a String and {@code Double.parseDouble} per cursor) and the way it does now (one copy
 * into a reused scratch array, a loop-owned {@link Histogram} and plain counters, allocation-free numbers).
 * Here in the {@code load} package because {@link Frames} is package-private.
 *
 * <p>{@code java -jar load-tests/target/jb-bench.jar ReceiveBench -f 1 -wi 3 -w 1s -i 5 -r 1s}
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReceiveBench extends Microbench {
    private byte[] batch;
    private byte[] presence;
    private final byte[] scratch = new byte[64 * 1024];
    private final Recorder recorder = new Recorder(LoopStats.HIGHEST, 3);
    private final LongAdder adder = new LongAdder();
    private final Histogram histogram = LoopStats.hist();
    private long counter;
    private long lastSeq;
    private final Frames.AppliedSink appliedSink = this::onApplied; // made once, as Participant does
    private final Frames.DoubleSink cursorSink = this::onCursor;

    @Setup
    public void setup() {
        var n = JsonNodeFactory.instance;
        var items = new ArrayList<byte[]>();
        for (int k = 0; k < 40; k++) {
            List<Op> ops = List.of(new Op.Update("c" + k + "_7", n.objectNode().put("text", "支付步骤多 #" + k), List.of()));
            items.add(MessageCodec.encode(new ServerMessage.Applied(1000 + k, "p" + k, "lg" + k + "-abc", 5000 + k, ops)));
        }
        batch = MessageCodec.encodeBatch(items);
        var peers = new ArrayList<ObjectNode>();
        for (int k = 0; k < 30; k++) {
            ObjectNode p = n.objectNode().put("id", "p" + k);
            p.putObject("cursor").put("x", (double) (123_456_789L + k * 1000)).put("y", (double) k);
            peers.add(p);
        }
        presence = MessageCodec.encode(new ServerMessage.Presence(peers));
    }

    @Benchmark
    public long batchBefore() {
        byte[] aggregated = Arrays.copyOf(batch, batch.length); // Vert.x FrameAggregator: binaryMessageBuffer.copy()
        byte[] b = Arrays.copyOf(aggregated, aggregated.length); // Buffer.getBytes()
        adder.add(b.length);
        return Frames.forEachApplied(b, (seq, cid) -> {
            if (seq > lastSeq) lastSeq = seq;
            adder.increment();
            recorder.recordValue(seq & 1023);
        });
    }

    @Benchmark
    public long batchNow() {
        System.arraycopy(batch, 0, scratch, 0, batch.length);
        counter += batch.length;
        return Frames.forEachApplied(scratch, batch.length, appliedSink);
    }

    private void onApplied(long seq, long cid) {
        if (seq > lastSeq) lastSeq = seq;
        counter++;
        LoopStats.record(histogram, seq & 1023);
    }

    @Benchmark
    public long presenceBefore() {
        byte[] b = Arrays.copyOf(Arrays.copyOf(presence, presence.length), presence.length);
        // the former cursor reader: a String and Double.parseDouble per cursor x
        long n = 0;
        byte[] cursor = "\"cursor\":{\"x\":".getBytes(StandardCharsets.US_ASCII);
        int from = 0;
        while (true) {
            int c = Frames.indexOf(b, b.length, cursor, from);
            if (c < 0) break;
            int end = c + cursor.length;
            int stop = end;
            while (stop < b.length && b[stop] != ',' && b[stop] != '}') stop++;
            double x = Double.parseDouble(new String(b, end, stop - end, StandardCharsets.US_ASCII));
            recorder.recordValue(((long) x) & 1023);
            n++;
            from = stop;
        }
        return n;
    }

    @Benchmark
    public long presenceNow() {
        System.arraycopy(presence, 0, scratch, 0, presence.length);
        return Frames.cursorXs(scratch, presence.length, cursorSink);
    }

    private void onCursor(double x) {
        LoopStats.record(histogram, ((long) x) & 1023);
    }
}
