package dev.journeyboard.server.room;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One presence flush encoded once: {@code {"type":"presence","peers":[e0,e1,…]}} with the byte range of each
 * entry. A participant is not sent their own entry: everyone whose entry is not in the frame shares its bytes,
 * and a participant whose entry is gets the same bytes minus that entry as two slices of the one array (no
 * copy, no encoding; only the slice wrapper is theirs). The same JSON as {@code MessageCodec.encode} of a
 * {@code ServerMessage.Presence}.
 */
final class PresenceFrame {
    private static final byte[] HEAD = "{\"type\":\"presence\",\"peers\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    /** Entry i occupies {@code bytes[start[i], start[i] + length[i])}; commas lie between entries. */
    private final int[] start;
    private final int[] length;
    private final Buffer all;

    private PresenceFrame(byte[] bytes, int[] start, int[] length) {
        this.bytes = bytes;
        this.start = start;
        this.length = length;
        this.all = Buffer.buffer(bytes);
    }

    static PresenceFrame of(List<ObjectNode> peers) {
        var out = new ByteArrayOutputStream(HEAD.length + TAIL.length + 64 * peers.size());
        int[] start = new int[peers.size()];
        int[] length = new int[peers.size()];
        out.writeBytes(HEAD);
        // one generator for all entries (a generator per entry cost more than the whole frame); it is flushed
        // after each entry so that the stream's size marks where the entry ends
        try (JsonGenerator g = MessageCodec.json().getFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (int i = 0; i < peers.size(); i++) {
                if (i > 0) out.write(',');
                start[i] = out.size();
                MessageCodec.json().writeTree(g, peers.get(i));
                g.flush();
                length[i] = out.size() - start[i];
            }
        } catch (IOException e) {
            throw new UncheckedIOException("presence entries are plain JSON trees", e);
        }
        out.writeBytes(TAIL);
        return new PresenceFrame(out.toByteArray(), start, length);
    }

    int size() {
        return start.length;
    }

    /** Every entry: for those whose own entry is not in the frame. */
    Buffer all() {
        return all;
    }

    /** Every entry but the {@code i}th, or null when that was the only one (nothing to send). */
    Buffer without(int i) {
        if (start.length == 1) return null;
        int cutFrom, cutTo; // drop the entry and one comma next to it
        if (i < start.length - 1) {
            cutFrom = start[i];
            cutTo = start[i + 1];
        } else {
            cutFrom = start[i - 1] + length[i - 1];
            cutTo = start[i] + length[i];
        }
        return BufferInternal.buffer(Unpooled.wrappedBuffer(
                Unpooled.wrappedBuffer(bytes, 0, cutFrom), Unpooled.wrappedBuffer(bytes, cutTo, bytes.length - cutTo)));
    }
}
