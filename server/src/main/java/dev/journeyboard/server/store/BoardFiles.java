package dev.journeyboard.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** A board folder's files, each replaced whole and atomically (write a .tmp, sync it, rename it). */
final class BoardFiles {
    private BoardFiles() {}

    /**
     * Writes {@code target.tmp}, syncs it and renames it over {@code target}; the caller syncs the folder
     * (once for several files). On failure the .tmp is removed, so a full disk gets its space back.
     */
    static void replace(DiskIo io, Path target, ByteBuffer bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                io.writeFully(ch, bytes, 0);
                io.force(ch);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw e;
        }
    }

    static void replaceAndSync(DiskIo io, Path target, byte[] bytes) throws IOException {
        replace(io, target, ByteBuffer.wrap(bytes));
        Wal.syncDir(target.getParent());
    }

    /** A board's saved feature state ({@code state-<feature>.json}), replaced atomically; null removes it. */
    static void writeState(DiskIo io, Path boardDir, String feature, byte[] state) throws IOException {
        Path f = boardDir.resolve("state-" + feature + ".json");
        if (state == null) Files.deleteIfExists(f);
        else replaceAndSync(io, f, state);
    }

    /** Every feature state saved in a board's folder, by feature name. */
    static java.util.Map<String, byte[]> readStates(Path boardDir) throws IOException {
        var out = new java.util.HashMap<String, byte[]>();
        if (!Files.isDirectory(boardDir)) return out;
        try (var files = Files.list(boardDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith("state-") && n.endsWith(".json")) out.put(n.substring(6, n.length() - 5), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** Deletes a folder and everything in it (a deleted board's); nothing if it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(dir)) return;
            try (var walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
                return;
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                if (attempt == 3) throw e; // a file appeared while deleting (a write that was under way): go again
            }
        }
    }
}
