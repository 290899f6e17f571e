package dev.journeyboard.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The server under load: started by the generator ({@code --start-server}) or found by pid / port. */
final class ServerHandle implements AutoCloseable {
    final long pid;
    final List<String> command;
    private final Process process;
    private final Path dataDir;
    final Path log;

    private ServerHandle(long pid, List<String> command, Process process, Path dataDir, Path log) {
        this.pid = pid;
        this.command = command;
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    static ServerHandle open(Options opt, HttpClient http) throws IOException, InterruptedException {
        if (opt.startServer != null) return start(opt, http);
        long pid = opt.serverPid > 0 ? opt.serverPid : Proc.pidListeningOn(opt.port());
        if (pid < 0) System.err.println("warning: no process found listening on port " + opt.port() + ": server CPU and memory are not sampled (give --server-pid)");
        if (!healthy(opt, http)) throw new IllegalStateException("no healthy server at " + opt.url + "/health");
        return new ServerHandle(pid, List.of(), null, null, null);
    }

    private static ServerHandle start(Options opt, HttpClient http) throws IOException, InterruptedException {
        Path jar = Path.of(opt.startServer);
        if (!Files.isRegularFile(jar)) throw new IllegalArgumentException("no server jar at " + jar);
        long other = Proc.pidListeningOn(opt.port());
        if (other > 0 || healthy(opt, http)) {
            throw new IllegalStateException("port " + opt.port() + " is already in use" + (other > 0 ? " by pid " + other : "")
                    + ": choose a free one with --url http://127.0.0.1:PORT");
        }
        Path data = opt.serverDataBase == null ? Files.createTempDirectory("jb-load-data-")
                : Files.createTempDirectory(Path.of(opt.serverDataBase), "jb-load-data-");
        Path log = Files.createTempFile("jb-load-server-", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        var cmd = new ArrayList<String>();
        cmd.add(java);
        cmd.addAll(Options.words(opt.serverJvmOpts));
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        cmd.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(opt.port()), "--data-dir", data.toString()));
        cmd.addAll(Options.words(opt.serverArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(p.isAlive() && Proc.pidListeningOn(opt.port()) == p.pid() && healthy(opt, http))) {
            if (!p.isAlive()) {
                deleteTree(data);
                throw new IllegalStateException("the server exited at start: see " + log + "\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("the server did not answer /health within 60 s: see " + log);
            }
            Thread.sleep(200);
        }
        System.out.println("started server pid " + p.pid() + ": " + String.join(" ", cmd));
        return new ServerHandle(p.pid(), cmd, p, data, log);
    }

    static boolean healthy(Options opt, HttpClient http) {
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create(opt.url + "/health")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean started() {
        return process != null;
    }

    boolean alive() {
        return process == null || process.isAlive();
    }

    @Override
    public void close() {
        if (process == null) return;
        process.destroy(); // SIGTERM: the server snapshots and exits
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (dataDir != null) deleteTree(dataDir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }
}
