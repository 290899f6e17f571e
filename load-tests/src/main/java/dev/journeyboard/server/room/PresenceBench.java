package dev.journeyboard.server.room;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import dev.journeyboard.protocol.message.ServerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One presence flush on a board where every participant moved (hot-board: all of them are in the frame), up to
 * the bytes landing in each socket's (direct, pooled) buffer, as Netty copies them before the write:
 * <ul>
 *   <li>{@code sharedWithSelf}: what the server did before: one frame, everyone gets their own entry back;</li>
 *   <li>{@code slicedWithoutSelf}: {@link PresenceFrame}: one encoding, each recipient the same array minus
 *       their entry, as two slices;</li>
 *   <li>{@code encodedPerRecipient}: the naive way to drop the echo, one encoding per recipient.</li>
 * </ul>
 * Lives in the server's package to reach {@link PresenceFrame}. Per flush (all recipients), microseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PresenceBench {
    @Param({"30", "200"})
    int peers;

    private List<ObjectNode> entries;
    private ByteBuf[] sockets;

    @Setup(Level.Trial)
    public void setup() {
        entries = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            ObjectNode p = JsonNodeFactory.instance.objectNode().put("id", "p" + (i + 1));
            p.putObject("cursor").put("x", 1_764_000_000_000L + i * 7919L).put("y", i);
            entries.add(p);
        }
        sockets = new ByteBuf[peers];
        for (int s = 0; s < peers; s++) sockets[s] = PooledByteBufAllocator.DEFAULT.directBuffer(64 * 1024);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (ByteBuf b : sockets) b.release();
    }

    private static void write(ByteBuf socket, Buffer frame) {
        socket.clear();
        socket.writeBytes(((BufferInternal) frame).getByteBuf());
    }

    @Benchmark
    public void sharedWithSelf(Blackhole bh) {
        Buffer frame = Buffer.buffer(MessageCodec.encode(new ServerMessage.Presence(entries)));
        for (ByteBuf s : sockets) write(s, frame);
        bh.consume(frame);
    }

    @Benchmark
    public void slicedWithoutSelf(Blackhole bh) {
        PresenceFrame frame = PresenceFrame.of(entries);
        for (int s = 0; s < sockets.length; s++) write(sockets[s], frame.without(s));
        bh.consume(frame);
    }

    @Benchmark
    public void encodedPerRecipient(Blackhole bh) {
        for (int s = 0; s < sockets.length; s++) {
            var rest = new ArrayList<>(entries);
            rest.remove(s);
            write(sockets[s], Buffer.buffer(MessageCodec.encode(new ServerMessage.Presence(rest))));
        }
        bh.consume(sockets);
    }
}
