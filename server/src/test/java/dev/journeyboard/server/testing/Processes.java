package dev.journeyboard.server.testing;

import java.util.concurrent.TimeUnit;

/** What the tests' child processes (redis-server, the server JVM) share: ending one, and waiting between polls. */
final class Processes {
    private Processes() {}

    /**
     * Ends {@code p}: SIGKILL when {@code force}, else SIGTERM and {@code graceSeconds} to exit on its own (a
     * shutdown hook, a flush) before the kill; then waits for it to be gone, so its port and files are free.
     */
    static void end(Process p, boolean force, long graceSeconds) {
        if (force) p.destroyForcibly();
        else p.destroy();
        try {
            if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A pause between two polls of something the test waits for (never as synchronisation by itself). */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
