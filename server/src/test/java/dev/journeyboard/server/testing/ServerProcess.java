package dev.journeyboard.server.testing;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server as a child JVM ({@code dev.journeyboard.server.Main} on this test's class path), so a test
 * can kill it hard: {@code start(env, args) -> port}, {@link #kill9()}, {@link #stop()}. It listens on
 * 127.0.0.1 and a free port unless {@code args} say otherwise (flags win over the defaults put before them);
 * {@code JB_*} variables of the test's own environment are not passed on, {@code env} is. Its output goes to
 * a file ({@link #output()}), shown when it fails to start.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final List<String> jvmArgs;
    private final ServerHttp http = new ServerHttp(this::port);
    private Process process;
    private Path out;
    private int port;

    public ServerProcess() {
        this(List.of());
    }

    /** @param jvmArgs e.g. {@code -Xmx128m} */
    public ServerProcess(List<String> jvmArgs) {
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /** Starts the server and waits (up to 30 s) until it listens. @return its port */
    public int start(Map<String, String> env, String... args) {
        return start(java.time.Duration.ofSeconds(30), env, args);
    }

    /** Starts the server and waits until it listens, at most {@code within} (a JVM starts slowly on a busy machine). */
    public int start(java.time.Duration within, Map<String, String> env, String... args) {
        if (process != null && process.isAlive()) throw new IllegalStateException("already running");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx256m");
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.journeyboard.server.Main", "--host", "127.0.0.1", "--port", "0"));
        cmd.addAll(List.of(args));
        try {
            out = Files.createTempFile("jb-server-", ".out");
            var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("JB_"));
            if (!env.containsKey("JB_DATA_DIR")) pb.environment().put("JB_DATA_DIR", Files.createTempDirectory("jb-data-").toString());
            pb.environment().put("JB_CREATES_PER_MINUTE", "1000000"); // tests create many boards from one address
            pb.environment().putAll(env);
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError("could not start the server: " + e, e);
        }
        Process p = process;
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(output());
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                return port;
            }
            if (!p.isAlive()) throw new AssertionError("the server exited with " + p.exitValue() + ":\n" + output());
            Processes.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("the server did not start within " + within + ":\n" + output());
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill9() {
        end(true);
    }

    /** SIGTERM: the server's shutdown hook snapshots and closes its rooms. */
    public void stop() {
        end(false);
    }

    private void end(boolean force) {
        Process p = process;
        if (p == null) return;
        Processes.end(p, force, 20);
        process = null;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Everything the server printed so far (stdout and stderr). */
    public String output() {
        try {
            return out == null ? "" : Files.readString(out);
        } catch (IOException e) {
            return "";
        }
    }

    public HttpResponse<String> get(String path) {
        return http.get(path);
    }

    public HttpResponse<String> post(String path, String body) {
        return http.post(path, body);
    }

    public TestServer.Board createBoard(String title, String template) {
        return http.createBoard(title, template);
    }

    @Override
    public void close() {
        stop();
        try {
            if (out != null) Files.deleteIfExists(out);
        } catch (IOException e) {
            // temp file
        }
    }
}
