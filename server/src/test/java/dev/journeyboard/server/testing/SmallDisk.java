package dev.journeyboard.server.testing;

import static dev.journeyboard.server.testing.Ops.card;
import static dev.journeyboard.server.testing.Ops.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.protocol.ErrorCode;
import dev.journeyboard.protocol.message.ServerMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, small file system that a test can fill up: a tmpfs of a few MiB mounted on a temp folder. Mounting
 * needs root (CI runs as root); elsewhere the test is skipped, and says so loudly on stderr, so a skipped run
 * is never mistaken for a passed one. {@link #fill()} writes a filler file until the disk refuses more;
 * {@link #free()} deletes it.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mount;
    private final Path filler;

    private SmallDisk(Path mount) {
        this.mount = mount;
        this.filler = mount.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code mib} MiB, or skips the calling test (loudly) when that is not possible. */
    public static SmallDisk mount(int mib, String test) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jb-small-disk-");
        String why = null;
        if (!"root".equals(System.getProperty("user.name"))) {
            why = "it needs root to mount a tmpfs (CI runs as root)";
        } else {
            Process p = new ProcessBuilder(List.of("mount", "-t", "tmpfs", "-o", "size=" + mib + "m", "tmpfs", dir.toString()))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) why = "mount -t tmpfs failed: " + out.strip();
        }
        if (why != null) {
            Files.deleteIfExists(dir);
            System.err.println("\n*** SKIPPED " + test + ": no real full disk here, " + why + ". The injected-failure tests in "
                    + "EmbeddedStoreTest still ran. ***\n");
            Assumptions.abort(test + " skipped: " + why);
        }
        return new SmallDisk(dir);
    }

    public Path path() {
        return mount;
    }

    /** Writes a filler file until the file system is full. */
    public void fill() throws IOException {
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) out.write(chunk);
        } catch (IOException full) {
            // full now
        }
        // whatever a 4 KiB chunk did not fit in: fill the last bytes too
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) out.write(0);
        } catch (IOException full) {
            // full to the byte
        }
    }

    /**
     * On a full disk, {@code editor} sends cards {@code c<cid>} holding {@code text} from {@code firstCid} on, each
     * answered before the next, until one is refused with STORE_UNAVAILABLE. Cards written over the zeros the log
     * holds ahead of its rounds (Wal.ZERO_AHEAD, 1 MiB) still fit; the first past them is refused. Fails unless that
     * happens within 400 cards (of 9 KB: more than a test disk). @return the refused card's cid
     */
    public static int cardsUntilRefused(TestClient editor, int firstCid, String text) throws InterruptedException {
        for (int cid = firstCid; cid < firstCid + 400; cid++) {
            final int c = cid;
            editor.send(msg(c, card("c" + c, "pain", "use", text)));
            ServerMessage answer = editor.await(ServerMessage.class, m -> m instanceof ServerMessage.Applied ap && ap.cid() == c
                    || m instanceof ServerMessage.Rejected r && r.cid() == c, Duration.ofSeconds(10));
            if (answer instanceof ServerMessage.Rejected r) {
                assertThat(r.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                return c;
            }
            Thread.sleep(25); // within the 50 edits a second a participant may send
        }
        throw new AssertionError("no edit refused within 400 cards on the full disk");
    }

    /** Space returns. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("umount", "-l", mount.toString())).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(20, TimeUnit.SECONDS);
        Files.deleteIfExists(mount);
    }
}
