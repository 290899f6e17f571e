package dev.journeyboard.load;

import dev.journeyboard.server.net.NetTransport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line settings. A scenario is a named preset of these; every preset value can be overridden by
 * its flag. Durations take {@code ms}, {@code s} or {@code m} suffixes.
 */
final class Options {
    String url = "http://localhost:8080";
    String scenario = "workshop";
    Duration duration = Duration.ofSeconds(60);
    Duration warmup = Duration.ofSeconds(5);
    Duration ramp = Duration.ofSeconds(3);
    int boards = 1;
    int participants = 30;
    double viewerShare = 0.2;
    double opsRate = 1.0;
    double cursorRate = 10.0;
    int pasteSize = 10;
    int maxCardsPerEditor = 40;
    int seedElements = 0;
    Duration joinWindow = Duration.ofSeconds(10);
    boolean deflate = true;
    boolean fullDecode = false;
    String startServer;
    /**
     * The JVM the server is meant to run in production (README "Configuration"; ./jb run and the container image
     * use the same line): the serial collector from 64 MiB, C2 alone from 1,000 calls and glibc's freed memory trimmed (a
     * 100-person board in 145-151 MiB rather than 172-186 MiB). The ceiling is 512 MiB: under 256 MiB, 300 boards x
     * 10 filled the heap and paused 370 ms in full collections (op p99 137 ms against 19 ms). Every report states the
     * server JVM's actual heap settings (its command line and {@code jcmd VM.flags}).
     */
    static final String DEFAULT_SERVER_JVM_OPTS = "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:-TieredCompilation -XX:CompileThreshold=1000 -XX:TrimNativeHeapInterval=1000";
    String serverJvmOpts = DEFAULT_SERVER_JVM_OPTS;
    String serverArgs = "";
    /**
     * The niceness a started server runs at (0-19). The generator stands in for clients that in a deployment have
     * machines of their own, so on a shared host it should not wait for the server's threads to send on time: at 0
     * many-boards missed the generator's own send-slip limit in every disk run of the eighth round (5.2-8.9 ms
     * against 5, server 0.77-0.85 cores and generator 0.4 on 2); at 5 the generator's threads win a contended core
     * (slip 3.3 ms, results/perf-20261203-ninth). It can only lengthen what the server is measured to take.
     */
    int serverNice = 5;
    /** The redis-server binary the cluster scenario starts its three nodes on. */
    String redisServer = System.getenv().getOrDefault("JB_REDIS_SERVER", "/usr/bin/redis-server");
    /** The server runs with early broadcast: passed to a started server as --early-broadcast true; selects the workshop target. */
    boolean earlyBroadcast;
    /** A result file to compare this run with (many-boards: the same scenario on tmpfs). */
    Path compare;
    /** Where the fsync probe writes; default: next to the started server's data dir, or the found server's data dir. */
    Path fsyncDir;
    Duration fsyncInterval = Duration.ofMillis(10);
    /** Folder in which --start-server makes the server's data dir (e.g. /dev/shm to take the disk's fsync out). */
    String serverDataBase;
    long serverPid = -1;
    Path out = Path.of("load-tests/results");
    String name;
    int eventLoops = 2;
    /**
     * The generator's own sockets: epoll where it loads, as the server's. At hot-board it then takes 0.26-0.31 cores
     * against 0.71-0.75 on NIO, with the same server (results/perf-20261202-generator/gen-*): the cores it leaves are the
     * server's, and a target only counts from a run in which the generator kept up.
     */
    NetTransport transport = NetTransport.AUTO;
    List<Integer> sweepParticipants = List.of(10, 25, 50, 100, 200, 400);
    List<Integer> sweepBoards = List.of(1, 10, 50, 100, 250, 500);
    int sweepBoardParticipants = 10;
    Duration stepDuration = Duration.ofSeconds(10);
    /** A step whose op p99 exceeds this ends its sweep dimension (the server is past its knee). */
    Duration sweepStopP99 = Duration.ofSeconds(1);
    String note = "";

    /** The flags actually given, for the report. */
    final Map<String, String> given = new LinkedHashMap<>();

    static final String USAGE = """
            java -jar load-tests/target/jb-load.jar [--flag value ...]

              --url URL                 server base URL (loopback only)             [http://localhost:8080]
              --scenario NAME           workshop | hot-board | crowd | many-boards | idle | join-storm | sweep | cluster   [workshop]
              --duration D              measured time after warm-up (e.g. 60s)      [preset]
              --warmup D                activity before measuring starts            [5s]
              --ramp D                  time over which participants connect        [preset]
              --boards N                boards                                      [preset]
              --participants N          participants per board                      [preset]
              --viewer-share F          share of participants joining with the view link  [0.2]
              --ops-rate R              ops messages per second per editor          [preset]
              --cursor-rate R           cursor moves per second per participant     [preset]
              --paste-size N            cards in one paste batch                    [10]
              --max-cards N             cards one editor keeps (then it deletes)    [40]
              --seed-elements N         elements put on each board before joining   [preset]
              --join-window D           join-storm: joins spread over this          [10s]
              --deflate true|false      offer permessage-deflate, as browsers do    [true]
              --full-decode true|false  decode every frame with MessageCodec        [false]
              --start-server JAR        start the server jar itself (port from --url, fresh data dir)
              --server-jvm-opts "..."   JVM options for --start-server  [%s]
              --server-args "..."       extra server flags for --start-server
              --server-nice N           niceness of the started server (0-19): the generator's sends win a
                                        contended core, as remote clients would not wait for it  [5]
              --redis-server PATH       cluster: the redis-server the three nodes share  [$JB_REDIS_SERVER or /usr/bin/redis-server]
              --early-broadcast [true]  the server runs early broadcast: a started server gets --early-broadcast true;
                                        workshop's target becomes op p99 <= 2.5 ms
              --compare FILE            a result to compare with (many-boards: the same scenario on tmpfs, run just before)
              --fsync-dir DIR           where the fsync probe writes [next to the started server's data dir / the server's data dir]
              --fsync-interval D        fsync probe period                          [10ms]
              --server-data-base DIR    where --start-server makes the data dir     [java.io.tmpdir]
                                        (/dev/shm: fsync becomes free, isolating the server's own path)
              --server-pid PID          server to sample (else found by the listening port)
              --out DIR                 result folder                               [load-tests/results]
              --name NAME               result file prefix                          [scenario]
              --event-loops N           generator event loops                       [2]
              --transport T             generator sockets: auto (epoll where it loads), epoll or nio  [auto]
              --sweep-participants L    sweep: participants per board, comma list   [10,25,50,100,200,400]
              --sweep-boards L          sweep: boards, comma list                   [1,10,50,100,250,500]
              --sweep-board-participants N  sweep: participants per board in the boards dimension [10]
              --step-duration D         sweep: measured time per step               [10s]
              --note TEXT               free text put in the report

            java -jar load-tests/target/jb-load.jar cluster --start-server JAR [--redis-server PATH] [--boards N] [--participants N]
                      [--ops-rate R] [--cursor-rate R] [--warmup D] [--duration D] [--out DIR] [--server-jvm-opts "..."] [--event-loops N]
                                        three server processes on one redis-server (the same as --scenario cluster)
            java -jar load-tests/target/jb-load.jar compare RUN.json REFERENCE.json
                                        prints two results side by side and the op p99 ratio
            """.formatted(DEFAULT_SERVER_JVM_OPTS);

    static Options parse(String[] args) {
        var o = new Options();
        // the scenario first: its preset is the base the other flags override
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--scenario")) o.scenario = args[i + 1];
        o.preset();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) throw new UsageException(USAGE);
            if (flag.equals("--early-broadcast") && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
                o.given.put("early-broadcast", "true");
                o.earlyBroadcast = true;
                continue;
            }
            if (!flag.startsWith("--") || i + 1 >= args.length) throw new UsageException("bad argument '" + flag + "'\n\n" + USAGE);
            String v = args[++i];
            o.given.put(flag.substring(2), v);
            switch (flag) {
                case "--url" -> o.url = v;
                case "--scenario" -> o.scenario = v;
                case "--duration" -> o.duration = duration(v);
                case "--warmup" -> o.warmup = duration(v);
                case "--ramp" -> o.ramp = duration(v);
                case "--boards" -> o.boards = Integer.parseInt(v);
                case "--participants" -> o.participants = Integer.parseInt(v);
                case "--viewer-share" -> o.viewerShare = Double.parseDouble(v);
                case "--ops-rate" -> o.opsRate = Double.parseDouble(v);
                case "--cursor-rate" -> o.cursorRate = Double.parseDouble(v);
                case "--paste-size" -> o.pasteSize = Integer.parseInt(v);
                case "--max-cards" -> o.maxCardsPerEditor = Integer.parseInt(v);
                case "--seed-elements" -> o.seedElements = Integer.parseInt(v);
                case "--join-window" -> o.joinWindow = duration(v);
                case "--deflate" -> o.deflate = bool(v);
                case "--full-decode" -> o.fullDecode = bool(v);
                case "--start-server" -> o.startServer = v;
                case "--server-jvm-opts" -> o.serverJvmOpts = v;
                case "--server-args" -> o.serverArgs = v;
                case "--server-nice" -> o.serverNice = Integer.parseInt(v);
                case "--redis-server" -> o.redisServer = v;
                case "--server-data-base" -> o.serverDataBase = v;
                case "--early-broadcast" -> o.earlyBroadcast = bool(v);
                case "--compare" -> o.compare = Path.of(v);
                case "--fsync-dir" -> o.fsyncDir = Path.of(v);
                case "--fsync-interval" -> o.fsyncInterval = duration(v);
                case "--server-pid" -> o.serverPid = Long.parseLong(v);
                case "--out" -> o.out = Path.of(v);
                case "--name" -> o.name = v;
                case "--event-loops" -> o.eventLoops = Integer.parseInt(v);
                case "--transport" -> o.transport = transport(v);
                case "--sweep-participants" -> o.sweepParticipants = ints(v);
                case "--sweep-boards" -> o.sweepBoards = ints(v);
                case "--sweep-board-participants" -> o.sweepBoardParticipants = Integer.parseInt(v);
                case "--step-duration" -> o.stepDuration = duration(v);
                case "--note" -> o.note = v;
                default -> throw new UsageException("unknown flag " + flag + "\n\n" + USAGE);
            }
        }
        if (o.name == null) o.name = o.scenario;
        String host = URI.create(o.url).getHost();
        if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"))) {
            throw new UsageException("only loopback servers may be loaded: " + o.url);
        }
        if (o.duration.compareTo(Duration.ofMinutes(30)) > 0) throw new UsageException("--duration is capped at 30m");
        if (o.serverNice < 0 || o.serverNice > 19) throw new UsageException("--server-nice must be 0-19 (raising a process above the generator needs privileges), got " + o.serverNice);
        if (o.fsyncInterval.toMillis() < 1) throw new UsageException("--fsync-interval must be at least 1ms");
        if (o.compare != null && !java.nio.file.Files.isRegularFile(o.compare)) throw new UsageException("--compare: no file " + o.compare);
        // the server setting may also come in --server-args; either way the generator knows it
        List<String> sa = words(o.serverArgs);
        int at = sa.indexOf("--early-broadcast");
        if (at >= 0 && at + 1 < sa.size()) {
            if (o.given.containsKey("early-broadcast") && o.earlyBroadcast != bool(sa.get(at + 1))) {
                throw new UsageException("--early-broadcast and --server-args \"--early-broadcast ...\" disagree");
            }
            o.earlyBroadcast = bool(sa.get(at + 1));
        }
        return o;
    }

    /** The server flags a started server gets: --server-args, plus --early-broadcast true when asked for and not already there. */
    List<String> serverArgsForStart() {
        var out = new ArrayList<>(words(serverArgs));
        if (earlyBroadcast && !out.contains("--early-broadcast")) {
            out.add("--early-broadcast");
            out.add("true");
        }
        return out;
    }

    /** The command a started server runs: {@code java} under {@code nice} when {@link #serverNice} is above 0. */
    List<String> serverCommandPrefix(String java) {
        return serverNice == 0 ? List.of(java) : List.of("nice", "-n", String.valueOf(serverNice), java);
    }

    /** Flags that only act on a server the generator starts, given without --start-server (they change nothing then). */
    List<String> startOnlyFlagsWithoutStart() {
        var out = new ArrayList<String>();
        if (startServer != null) return out;
        for (String f : List.of("server-jvm-opts", "server-args", "server-data-base", "server-nice")) if (given.containsKey(f)) out.add("--" + f);
        return out;
    }

    /** Flags given that change the preset's load (so the preset's targets are not the any more). */
    List<String> loadShapeOverrides() {
        var out = new ArrayList<String>();
        for (String f : List.of("boards", "participants", "viewer-share", "ops-rate", "cursor-rate", "paste-size", "max-cards", "seed-elements", "join-window")) {
            if (given.containsKey(f)) out.add("--" + f + " " + given.get(f));
        }
        return out;
    }

    static boolean bool(String v) {
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UsageException("expected true or false, got '" + v + "'");
        };
    }

    private void preset() {
        switch (scenario) {
            case "workshop" -> { boards = 1; participants = 30; opsRate = 1; cursorRate = 10; duration = Duration.ofSeconds(60); ramp = Duration.ofSeconds(3); }
            case "hot-board" -> { boards = 1; participants = 200; opsRate = 2; cursorRate = 20; duration = Duration.ofSeconds(60); ramp = Duration.ofSeconds(5); }
            case "crowd" -> { boards = 1; participants = 400; opsRate = 1; cursorRate = 2; duration = Duration.ofSeconds(60); ramp = Duration.ofSeconds(10); }
            case "many-boards" -> { boards = 300; participants = 10; opsRate = 0.5; cursorRate = 1; duration = Duration.ofSeconds(30); ramp = Duration.ofSeconds(15); }
            // longer than the server's 45 s idle timeout: only sockets that answer pings (as browsers do) stay
            case "idle" -> { boards = 500; participants = 10; opsRate = 0; cursorRate = 0; duration = Duration.ofSeconds(60); ramp = Duration.ofSeconds(25); }
            case "join-storm" -> { boards = 1; participants = 200; opsRate = 0; cursorRate = 0; seedElements = 5000; duration = Duration.ofSeconds(5); warmup = Duration.ZERO; }
            case "sweep" -> { opsRate = 1; cursorRate = 2; warmup = Duration.ofSeconds(3); ramp = Duration.ofSeconds(5); }
            // ClusterLoad: its own three nodes; the generator takes every core, the nodes are separate processes
            case "cluster" -> { boards = 60; participants = 6; opsRate = 0.5; cursorRate = 1; duration = Duration.ofSeconds(30); eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors()); }
            default -> throw new UsageException("unknown scenario '" + scenario + "'\n\n" + USAGE);
        }
    }

    int port() {
        URI u = URI.create(url);
        return u.getPort() > 0 ? u.getPort() : 80;
    }

    String host() {
        return URI.create(url).getHost();
    }

    static Duration duration(String v) {
        v = v.trim();
        if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        if (v.endsWith("s")) return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        if (v.endsWith("m")) return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
        return Duration.ofSeconds(Long.parseLong(v));
    }

    private static NetTransport transport(String v) {
        try {
            return NetTransport.parse(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--transport " + e.getMessage() + ", got '" + v + "'");
        }
    }

    private static List<Integer> ints(String v) {
        var out = new ArrayList<Integer>();
        for (String s : v.split(",")) if (!s.isBlank()) out.add(Integer.parseInt(s.trim()));
        return out;
    }

    static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    static final class UsageException extends RuntimeException {
        UsageException(String m) {
            super(m);
        }
    }
}
