package dev.journeyboard.server.persona;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Images of the embedded store: {@code <data-dir>/boards/<id>/images/<imageId>}, one file per image, written to a
 * temporary file, fsynced, renamed into place and the folder fsynced before the upload is answered (a crash leaves
 * the image whole or absent). The folder is this component's own; the board store's files beside it are not touched.
 * File work runs on worker threads.
 */
public final class EmbeddedImageStore implements ImageStore {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Vertx vertx;
    private final Path boards;

    public EmbeddedImageStore(Vertx vertx, Path dataDir) {
        this.vertx = vertx;
        this.boards = dataDir.resolve("boards");
    }

    @Override
    public Future<Void> put(String boardId, String imageId, byte[] bytes) {
        return vertx.executeBlocking(() -> {
            Path dir = dir(boardId);
            Files.createDirectories(dir);
            Path target = dir.resolve(safe(imageId));
            Path tmp = dir.resolve(imageId + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDir(dir);
            return null;
        }, false);
    }

    @Override
    public Future<byte[]> get(String boardId, String imageId) {
        return vertx.executeBlocking(() -> {
            try {
                return Files.readAllBytes(dir(boardId).resolve(safe(imageId)));
            } catch (NoSuchFileException e) {
                return null;
            }
        }, false);
    }

    @Override
    public Future<Void> delete(String boardId) {
        return vertx.executeBlocking(() -> {
            Path dir = dir(boardId);
            if (!Files.isDirectory(dir)) return null;
            for (Path f : files(dir)) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
            syncDir(dir.getParent());
            return null;
        }, false);
    }

    @Override
    public Future<Integer> count(String boardId) {
        return vertx.executeBlocking(() -> (int) files(dir(boardId)).stream()
                .filter(f -> !f.getFileName().toString().endsWith(".tmp")).count(), false);
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }

    /** What the folder holds, half-written {@code .tmp} files too; nothing when there is no folder. Blocking. */
    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        var out = new ArrayList<Path>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) out.add(f);
        }
        return out;
    }

    private Path dir(String boardId) {
        return boards.resolve(safe(boardId)).resolve("images");
    }

    private static String safe(String id) {
        if (!SAFE_ID.matcher(id).matches()) throw new IllegalArgumentException("bad id '" + id + "'");
        return id;
    }

    private static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
