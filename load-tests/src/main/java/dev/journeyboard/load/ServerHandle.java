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
    /** What the generator made for a started server (deleted at the end): holds the data dir and the fsync probe's file. */
    private final Path workDir;
    /** The server's data dir (null if unknown), and the folder the fsync probe writes in (same file system; null if unknown). */
    final Path dataDir;
    final Path probeDir;
    final Path log;

    private ServerHandle(long pid, List<String> command, Process process, Path workDir, Path dataDir, Path probeDir, Path log) {
        this.pid = pid;
        this.command = command;
        this.process = process;
        this.workDir = workDir;
        this.dataDir = dataDir;
        this.probeDir = probeDir;
        this.log = log;
    }

    static ServerHandle open(Options opt, HttpClient http) throws IOException, InterruptedException {
        if (opt.startServer != null) return start(opt, http);
        long pid = opt.serverPid > 0 ? opt.serverPid : Proc.pidListeningOn(opt.port());
        if (pid < 0) System.err.println("warning: no process found listening on port " + opt.port() + ": server CPU and memory are not sampled (give --server-pid)");
        if (!healthy(opt, http)) throw new IllegalStateException("no healthy server at " + opt.url + "/health");
        Path data = pid > 0 ? dataDirOf(pid) : null;
        Path probe = opt.fsyncDir != null ? opt.fsyncDir : data != null && Files.isDirectory(data) ? data : null;
        return new ServerHandle(pid, Proc.cmdline(pid), null, null, data, probe, null);
    }

    /** The data dir of a running server: its --data-dir flag, else JB_DATA_DIR, else ./data, relative to its working dir. */
    static Path dataDirOf(long pid) {
        List<String> cmd = Proc.cmdline(pid);
        String dir = null;
        for (int i = 0; i + 1 < cmd.size(); i++) if (cmd.get(i).equals("--data-dir")) dir = cmd.get(i + 1);
        if (dir == null) dir = Proc.environ(pid).get("JB_DATA_DIR");
        if (dir == null) dir = "data";
        Path cwd = Proc.cwd(pid);
        Path p = Path.of(dir);
        return p.isAbsolute() || cwd == null ? p : cwd.resolve(p);
    }

    /** The type of the file system {@code dir} is on ("ext4", "tmpfs", ...), or "unknown". */
    static String fileSystem(Path dir) {
        if (dir == null) return "unknown";
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static ServerHandle start(Options opt, HttpClient http) throws IOException, InterruptedException {
        Path jar = Path.of(opt.startServer);
        if (!Files.isRegularFile(jar)) throw new IllegalArgumentException("no server jar at " + jar);
        long other = Proc.pidListeningOn(opt.port());
        if (other > 0 || healthy(opt, http)) {
            throw new IllegalStateException("port " + opt.port() + " is already in use" + (other > 0 ? " by pid " + other : "")
                    + ": choose a free one with --url http://127.0.0.1:PORT");
        }
        // <work>/data is the server's data dir; the fsync probe writes in <work>, on the same file system by construction
        Path work = opt.serverDataBase == null ? Files.createTempDirectory("jb-load-")
                : Files.createTempDirectory(Path.of(opt.serverDataBase), "jb-load-");
        Path data = Files.createDirectory(work.resolve("data"));
        Path log = Files.createTempFile("jb-load-server-", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        // nice execs java: the pid started is the server's, and every thread it makes inherits the niceness
        var cmd = new ArrayList<>(opt.serverCommandPrefix(java));
        cmd.addAll(Options.words(opt.serverJvmOpts));
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        cmd.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(opt.port()), "--data-dir", data.toString()));
        cmd.addAll(opt.serverArgsForStart());
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // many-boards creates 300 boards and idle 500 from one address: past the server's default 20 creations a
        // minute per address (429). An environment variable, so a jar that predates the setting starts as well.
        pb.environment().putIfAbsent("JB_CREATES_PER_MINUTE", "100000");
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(p.isAlive() && Proc.pidListeningOn(opt.port()) == p.pid() && healthy(opt, http))) {
            if (!p.isAlive()) {
                deleteTree(work);
                throw new IllegalStateException("the server exited at start: see " + log + "\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                deleteTree(work);
                throw new IllegalStateException("the server did not answer /health within 60 s: see " + log);
            }
            Thread.sleep(200);
        }
        System.out.println("started server pid " + p.pid() + ": " + String.join(" ", cmd));
        return new ServerHandle(p.pid(), cmd, p, work, data, opt.fsyncDir != null ? opt.fsyncDir : work, log);
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
        boolean diedDuringRun = !process.isAlive();
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
        if (workDir != null) deleteTree(workDir);
        // the log is worth keeping only if the server died on its own
        if (diedDuringRun) {
            System.err.println("the server exited during the run (code " + process.exitValue() + "): its log is " + log);
        } else if (log != null) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a log left behind
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }
}
