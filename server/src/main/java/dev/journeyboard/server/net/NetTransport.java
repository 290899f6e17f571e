package dev.journeyboard.server.net;

import io.vertx.core.transport.Transport;
import java.util.Locale;

/**
 * Which of Netty's socket transports the server's event loops use ({@code JB_TRANSPORT}). Linux epoll costs less
 * per socket read and write than Java NIO's selector: at hot-board (200 people on one board) 0.0072 against 0.0080
 * server CPU-seconds per 1,000 delivered edits, the mean of 6 alternating runs each (README "Performance", fourth
 * round). io_uring measured 0.0076 in 2 runs and is not offered.
 */
public enum NetTransport {
    /** Epoll when its native library loads here (Linux on x86-64), else NIO. */
    AUTO,
    /** Epoll or refuse to start: for a deployment that wants to be sure it runs on it. */
    EPOLL,
    /** Java NIO: every platform. */
    NIO;

    /** @throws IllegalArgumentException naming the values */
    public static NetTransport parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "epoll" -> EPOLL;
            case "nio" -> NIO;
            default -> throw new IllegalArgumentException("must be auto, epoll or nio");
        };
    }

    /** @throws IllegalStateException when epoll was asked for and cannot load here, with the reason */
    public Transport resolve() {
        return switch (this) {
            case NIO -> Transport.NIO;
            case AUTO -> Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
            case EPOLL -> {
                if (!Transport.EPOLL.available()) {
                    Throwable why = Transport.EPOLL.unavailabilityCause();
                    throw new IllegalStateException("--transport epoll: Linux epoll is not available here ("
                            + (why == null ? "unknown reason" : why.getMessage()) + "); use auto or nio", why);
                }
                yield Transport.EPOLL;
            }
        };
    }

    /** What the server logs at start: {@code epoll} or {@code nio}. */
    public static String name(Transport t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
