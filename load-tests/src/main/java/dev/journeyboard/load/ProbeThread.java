package dev.journeyboard.load;

import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread of a probe that measures beside the run (the fsync probe, the loop-lag probe): it runs
 * the probe's {@link #step} again and again until stopped, pausing between steps as the step says. A daemon,
 * so a probe never keeps the generator's JVM alive.
 */
abstract class ProbeThread {
    private final String name;
    private volatile boolean running;
    private Thread thread;

    ProbeThread(String name) {
        this.name = name;
    }

    /** One round of measuring; returns how long to pause before the next, in nanoseconds, or -1 to end the thread. */
    abstract long step();

    void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            long pause = step();
            if (pause < 0) return;
            if (pause > 0) LockSupport.parkNanos(pause);
        }
    }

    /** Asks the thread to end after its current step, waiting for it at most {@code joinMillis} (0: not at all). */
    void halt(long joinMillis) {
        running = false;
        if (thread == null || joinMillis <= 0) return;
        try {
            thread.join(joinMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
