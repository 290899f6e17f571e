package dev.journeyboard.server.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis of the test's own: a {@code redis-server} process on a free loopback port with its files in a
 * temporary folder, stopped (and the folder left to the OS temp cleaner) at {@link #close}. Tests never
 * touch a Redis they did not start (not the one on 6379, not a shared one).
 *
 * <p>Where a Docker engine answers, a throwaway Redis ({@link #start()}) is a Testcontainers Redis
 * container; without one (our CI machines) it is a process, and the run says once which path it took.
 * Redis instances that a test stops and restarts on the same port are always processes. The binary is
 * {@code $JB_REDIS_SERVER}, else {@code redis-server} on the PATH, else {@code /usr/bin/redis-server}; if
 * none can be started the test fails with a message saying how to install it (never skips).
 *
 * <p>{@link #stop} and {@link #restart} simulate Redis going away and coming back on the same port. With
 * {@code persistent} the data survives that (append-only file, fsync always), like a production Redis.
 */
public final class RedisProcess implements AutoCloseable {
    private static volatile boolean announced;

    private final Path binary;
    private final Path dir;
    private final boolean persistent;
    private final int port;
    private Process process;
    private final String host;
    /** The Testcontainers Redis when Docker is there, else null. */
    private final org.testcontainers.containers.GenericContainer<?> container;

    private RedisProcess(Path binary, Path dir, boolean persistent, int port) {
        this.binary = binary;
        this.dir = dir;
        this.persistent = persistent;
        this.port = port;
        this.host = "127.0.0.1";
        this.container = null;
    }

    private RedisProcess(org.testcontainers.containers.GenericContainer<?> container, Path dir) {
        this.binary = null;
        this.dir = dir;
        this.persistent = false;
        this.container = container;
        this.host = container.getHost();
        this.port = container.getMappedPort(6379); // RedisContainer exposes 6379
    }

    /** A throwaway Redis (no persistence): a container where Docker is available, else a process. */
    public static RedisProcess start() {
        if (org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
            if (!announced) {
                announced = true;
                System.out.println("[RedisProcess] Docker engine found: throwaway Redis instances are Testcontainers containers");
            }
            var c = new com.redis.testcontainers.RedisContainer(
                    com.redis.testcontainers.RedisContainer.DEFAULT_IMAGE_NAME.withTag("7.2"));
            c.start();
            try {
                return new RedisProcess(c, Files.createTempDirectory("jb-redis-"));
            } catch (IOException e) {
                c.stop();
                throw new AssertionError(e);
            }
        }
        return start(false);
    }

    public static RedisProcess start(boolean persistent) {
        Path binary = findBinary();
        if (!announced) {
            announced = true;
            System.out.println("[RedisProcess] Docker-less path (no Docker engine answers): starting "
                    + binary + " processes on free loopback ports");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("jb-redis-");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        AssertionError last = null;
        for (int attempt = 0; attempt < 5; attempt++) { // a free port can be taken between probe and bind
            var r = new RedisProcess(binary, dir, persistent, freePort());
            try {
                r.launch();
                return r;
            } catch (AssertionError e) {
                last = e;
            }
        }
        throw last;
    }

    /** A Redis on a port chosen by the test (e.g. one a server was already pointed at while nothing listened). */
    public static RedisProcess startOn(int port, boolean persistent) {
        Path binary = findBinary();
        try {
            var r = new RedisProcess(binary, Files.createTempDirectory("jb-redis-"), persistent, port);
            r.launch();
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path findBinary() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("JB_REDIS_SERVER");
        if (env != null && !env.isBlank()) candidates.add(Path.of(env));
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty()) candidates.add(Path.of(d, "redis-server"));
        }
        candidates.add(Path.of("/usr/bin/redis-server"));
        for (Path p : candidates) if (Files.isExecutable(p)) return p;
        throw new AssertionError("The Redis tests need a Redis they start themselves, but there is no Docker engine path in this build "
                + "and no redis-server binary was found (looked at $JB_REDIS_SERVER, the PATH, /usr/bin/redis-server). "
                + "Install it (Debian: apt-get install -y redis-server; it starts nothing by itself) or set JB_REDIS_SERVER.");
    }

    public static int freePort() {
        try (var s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void launch() {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--dir", dir.toString(), "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning"));
        if (persistent) cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        else cmd.addAll(List.of("--appendonly", "no"));
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + binary + ": " + e, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p = process;
            if (p != null) p.destroyForcibly();
        }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) break;
            try {
                if ("PONG".equals(command("PING"))) return;
            } catch (IOException e) {
                // not listening yet
            }
            Processes.sleep(20);
        }
        String out;
        try {
            out = Files.readString(dir.resolve("redis.out"));
        } catch (IOException e) {
            out = "";
        }
        process.destroyForcibly();
        throw new AssertionError("redis-server on port " + port + " did not come up: " + out);
    }

    public int port() {
        return port;
    }

    /** {@code redis://<host>:<port>/0} */
    public String url() {
        return "redis://" + host + ":" + port + "/0";
    }

    /** Redis goes away (SIGTERM: it flushes its append-only file when persistent). */
    public void stop() {
        if (container != null) {
            container.stop();
            return;
        }
        Process p = process;
        if (p == null) return;
        Processes.end(p, false, 10);
        process = null;
    }

    /** Starts it again on the same port and folder (its data is back when persistent). */
    public void restart() {
        if (container != null) throw new AssertionError("restart on the same port needs a process: use start(true)");
        stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) { // the port can linger a moment after the old process
            try {
                launch();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) throw e;
                Processes.sleep(200);
            }
        }
    }

    public boolean running() {
        if (container != null) return container.isRunning();
        return process != null && process.isAlive();
    }

    /**
     * One command over a fresh connection; the reply as text: simple strings, errors ("-ERR …"), integers
     * and bulk strings as they are ({@code null} for nil), arrays flattened, one element per line.
     */
    public String command(String... args) throws IOException {
        try (var s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            var req = new ByteArrayOutputStream();
            req.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                req.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                req.write(b);
                req.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(req.toByteArray());
            out.flush();
            return reply(new BufferedInputStream(s.getInputStream()));
        }
    }

    /** Like {@link #command} but for test set-up: an I/O failure is an assertion failure. */
    public String call(String... args) {
        try {
            return command(args);
        } catch (IOException e) {
            throw new AssertionError("redis " + String.join(" ", args) + ": " + e, e);
        }
    }

    private static String reply(InputStream in) throws IOException {
        String line = line(in);
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+', ':' -> {
                return rest;
            }
            case '-' -> {
                return "-" + rest;
            }
            case '$' -> {
                int n = Integer.parseInt(rest);
                if (n < 0) return null;
                byte[] b = in.readNBytes(n + 2);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int n = Integer.parseInt(rest);
                if (n < 0) return null;
                var parts = new ArrayList<String>();
                for (int i = 0; i < n; i++) parts.add(String.valueOf(reply(in)));
                return String.join("\n", parts);
            }
            default -> throw new IOException("unexpected reply " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        var b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            b.write(c);
        }
        if (c == -1 && b.size() == 0) throw new IOException("connection closed");
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files; the OS cleans up
        }
    }
}
