package dev.journeyboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebSocket client written on a plain TCP socket, for what a well-behaved client library will not do: send a
 * text frame whose bytes are not UTF-8, or stop reading altogether (its receive buffer is made small, so the
 * server's writes back up). Blocking; one thread at a time.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 1, BINARY = 2, CLOSE = 8, PING = 9, PONG = 10;

    /** A frame as received: its opcode and payload (the close status is the payload's first two bytes). */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeStatus() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens and upgrades; {@code receiveBuffer} > 0 shrinks the socket's receive buffer (a slow reader). */
    public static RawWebSocket connect(int port, String boardId, String token, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) s.setReceiveBufferSize(receiveBuffer);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(20_000);
        var ws = new RawWebSocket(s);
        byte[] key = new byte[16];
        ws.random.nextBytes(key);
        String request = "GET /ws/boards/" + boardId + "?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        String status = ws.readHeaders();
        if (!status.startsWith("HTTP/1.1 101")) throw new IOException("upgrade refused: " + status);
        return ws;
    }

    public static RawWebSocket connect(int port, String boardId, String token) throws IOException {
        return connect(port, boardId, token, 0);
    }

    private String readHeaders() throws IOException {
        var line = new StringBuilder();
        String first = null;
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) throw new EOFException("closed during the handshake");
            if (b == '\n' && prev == '\r') {
                String l = line.substring(0, line.length() - 1);
                if (first == null) first = l;
                else if (l.isEmpty()) return first;
                line.setLength(0);
            } else {
                line.append((char) b);
            }
            prev = b;
        }
    }

    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** One frame, masked as a client must; {@code fin} false starts or continues a fragmented message. */
    public void send(int opcode, byte[] payload, boolean fin) throws IOException {
        var frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        int n = payload.length;
        if (n < 126) {
            frame.write(0x80 | n);
        } else if (n < 65536) {
            frame.write(0x80 | 126);
            frame.write(n >>> 8);
            frame.write(n);
        } else {
            frame.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) frame.write((int) ((long) n >>> (8 * i)));
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < n; i++) frame.write(payload[i] ^ mask[i % 4]);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next frame (fragments of a message come one by one); throws on timeout or end of stream. */
    public Frame read(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        var data = new DataInputStream(in);
        int b0 = data.readUnsignedByte();
        int b1 = data.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) len = data.readUnsignedShort();
        else if (len == 127) len = data.readLong();
        byte[] payload = new byte[(int) len];
        data.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /** Reads until a close frame comes (answering nothing); null if the stream ends first. */
    public Frame awaitClose(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) throw new SocketTimeoutException("no close frame within " + wait);
            Frame f;
            try {
                f = read(Duration.ofMillis(left));
            } catch (EOFException e) {
                return null;
            }
            if (f.opcode() == CLOSE) return f;
        }
    }

    /** Reads text or binary frames until one contains {@code needle}; returns it. */
    public Frame awaitMessageContaining(String needle, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) throw new SocketTimeoutException("nothing with " + needle + " within " + wait);
            Frame f = read(Duration.ofMillis(left));
            if ((f.opcode() == TEXT || f.opcode() == BINARY) && f.text().contains(needle)) return f;
            if (f.opcode() == CLOSE) throw new EOFException("closed (" + f.closeStatus() + ") before " + needle);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone already
        }
    }
}
