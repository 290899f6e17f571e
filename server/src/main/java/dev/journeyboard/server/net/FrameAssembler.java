package dev.journeyboard.server.net;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Puts a socket's data frames (a message and its continuation frames) back together from their raw bytes, and
 * decodes text messages strictly. Vert.x's own text handler decodes leniently (invalid bytes become U+FFFD, which
 * would then be stored); RFC 6455 says a text message that is not UTF-8 fails the connection (status 1007). One
 * socket's, on its event loop.
 */
final class FrameAssembler {
    /** What became of a frame. */
    interface Sink {
        void text(String text);

        void binary(byte[] bytes);

        void tooLarge(long bytes);

        void notUtf8();
    }

    private final int maxBytes;
    private final Sink sink;
    private Buffer partial;
    private boolean partialText;
    private boolean failed;

    FrameAssembler(int maxBytes, Sink sink) {
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    void frame(WebSocketFrame f) {
        if (failed) return; // the socket is being closed: nothing more of it is read
        if (f.isText() || f.isBinary()) {
            partial = null;
            if (f.isFinal()) {
                message(f.isText(), f.binaryData());
                return;
            }
            partialText = f.isText();
            partial = Buffer.buffer().appendBuffer(f.binaryData());
        } else if (f.isContinuation() && partial != null) {
            partial.appendBuffer(f.binaryData());
            if (f.isFinal()) {
                Buffer whole = partial;
                partial = null;
                message(partialText, whole);
                return;
            }
        } else {
            return; // ping, pong, close: Vert.x answers those
        }
        if (partial.length() > maxBytes) { // refuse a fragmented message as soon as it is too big, not at its end
            failed = true;
            sink.tooLarge(partial.length());
            partial = null;
        }
    }

    private void message(boolean text, Buffer bytes) {
        if (bytes.length() > maxBytes) {
            failed = true;
            sink.tooLarge(bytes.length());
        } else if (!text) {
            sink.binary(bytes.getBytes());
        } else {
            String decoded = strictUtf8(bytes.getBytes());
            if (decoded == null) {
                failed = true;
                sink.notUtf8();
            } else {
                sink.text(decoded);
            }
        }
    }

    /** The text, or null when the bytes are not well-formed UTF-8 (overlong forms and encoded surrogates included). */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
