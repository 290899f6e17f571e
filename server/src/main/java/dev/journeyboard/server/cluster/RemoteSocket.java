package dev.journeyboard.server.cluster;

import dev.journeyboard.server.room.RoomSocket;
import io.vertx.core.buffer.Buffer;
import java.util.zip.CRC32C;

/**
 * A socket relayed by another node, as the room serving its board sees it: what the room sends it becomes
 * records in that node's out stream, in the room's order and numbered. Broadcast {@code applied} messages are
 * not copied there: a {@link Records.Log} names their seqs (and the frame's checksum) and the relaying node
 * reads the ops from the board's op log, the log of record. Room context only.
 */
final class RemoteSocket implements RoomSocket {
    /** Bytes the node's writer may have in flight before presence is skipped for relayed sockets. */
    private static final long BACKLOG_BYTES = 8 << 20;

    private final StreamWriter writer;
    /** The relaying node's out stream, with the serving room's tag. */
    private final StreamWriter.Target out;
    private final String board;
    private final String conn;
    /** The personal link the socket joined with on its node, or null: revoking it closes the socket through the relay. */
    private final String personalLink;
    private final Runnable lost;
    private int n;
    private boolean open = true;
    /** The checksum of the last shared log frame: the same frame goes to every relayed member. */
    private static Buffer lastFrame;
    private static int lastCrc;

    /** @param lost runs (any thread) when a record could not be written: the room must let the member go */
    RemoteSocket(StreamWriter writer, StreamWriter.Target out, String board, String conn, String personalLink, Runnable lost) {
        this.writer = writer;
        this.out = out;
        this.board = board;
        this.conn = conn;
        this.personalLink = personalLink;
        this.lost = lost;
    }

    String conn() {
        return conn;
    }

    @Override
    public String personalLink() {
        return personalLink;
    }

    @Override
    public void sendText(String json) {
        if (open) write(new Records.Frame(board, conn, ++n, true, Buffer.buffer(json)));
    }

    @Override
    public void sendShared(Buffer encoded) {
        if (open) write(new Records.Frame(board, conn, ++n, false, encoded));
    }

    @Override
    public void sendLog(Buffer frame, long firstSeq, long lastSeq) {
        if (open) write(new Records.Log(board, conn, ++n, firstSeq, lastSeq, crc(frame)));
    }

    @Override
    public void sendView(Buffer frame, long seq) {
        if (open) write(new Records.View(board, conn, ++n, seq, frame));
    }

    @Override
    public void close(short status, String reason) {
        if (!open) return;
        write(new Records.Close(board, conn, ++n, status & 0xffff, reason == null ? "" : reason));
        open = false;
    }

    /** The relaying node said the socket is gone, or nothing more may be sent to it. */
    void shut() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean writeQueueFull() {
        return writer.inFlightBytes() > BACKLOG_BYTES;
    }

    private void write(Records.Rec rec) {
        writer.send(out, rec, lost);
    }

    /** CRC-32C of a log frame; rooms run on several threads, so the one-frame cache is guarded. */
    static int crc(Buffer frame) {
        synchronized (RemoteSocket.class) {
            if (frame == lastFrame) return lastCrc;
        }
        var c = new CRC32C();
        c.update(frame.getBytes());
        int v = (int) c.getValue();
        synchronized (RemoteSocket.class) {
            lastFrame = frame;
            lastCrc = v;
        }
        return v;
    }
}
