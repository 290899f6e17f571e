package dev.journeyboard.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Server settings. Each has an environment variable {@code JB_X_Y} and a matching flag {@code --x-y};
 * a flag wins over the variable, which wins over the default. README lists them all.
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String redisUrl,
        List<String> allowedOrigins,
        String publicUrl,
        int maxFrameBytes,
        int opsPerSecond,
        int maxElements,
        int maxTextLength,
        int maxOpsPerMessage,
        Duration pingInterval,
        Duration idleTimeout,
        Duration roomIdle,
        int snapshotEvery,
        Duration snapshotInterval,
        int resumeTail,
        int eventLoops,
        dev.journeyboard.server.net.NetTransport transport,
        Path pdfFont,
        String nodeId,
        Duration redisLeaseTtl,
        Duration redisLeaseRenew,
        Duration redisCommandTimeout,
        int maxImageBytes,
        long feedbackMaxBytes,
        int feedbackMaxRows,
        int feedbackMaxText,
        int metricsMaxReadings,
        long maxQueuedBytes,
        String frameAncestors,
        String createToken,
        int createsPerMinute,
        dev.journeyboard.server.history.HistorySettings history,
        boolean earlyBroadcast,
        int appendPacingMicros) {

    /** One setting: its name (as flag, and upper-cased as JB_ variable), default and help line. */
    private record Setting(String name, String defaultValue, String help) {
        String env() {
            return "JB_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("host", "0.0.0.0", "interface to listen on"),
            new Setting("port", "8080", "HTTP and WebSocket port"),
            new Setting("data-dir", "./data", "folder of the embedded store"),
            new Setting("redis-url", "", "Redis URL (redis://host:port/db); empty = embedded store"),
            new Setting("allowed-origins", "", "comma-separated WebSocket Origins allowed; empty = same host only"),
            new Setting("public-url", "", "base URL put in capability links; empty = from the request"),
            new Setting("max-frame-bytes", "262144", "largest WebSocket message accepted; larger is TOO_LARGE and closes"),
            new Setting("ops-per-second", "50", "ops messages per second per connection (bursts of twice that)"),
            new Setting("max-elements", "20000", "elements per board"),
            new Setting("max-text-length", "10000", "characters per string property"),
            new Setting("max-ops-per-message", "500", "ops in one ops message, nested batch ops included"),
            new Setting("ping-interval", "15s", "how often the server pings each socket"),
            new Setting("idle-timeout", "45s", "a socket silent for this long is closed"),
            new Setting("room-idle", "60s", "an empty room is unloaded after this long"),
            new Setting("snapshot-every", "1000", "ops between snapshots"),
            new Setting("snapshot-interval", "30s", "a room with unsnapshotted ops snapshots after this long"),
            new Setting("resume-tail", "2000", "recent ops a room keeps in memory to answer resumes"),
            new Setting("event-loops", "0", "Vert.x event-loop threads; 0 = 2 x cores"),
            new Setting("transport", "auto", "sockets: auto (Linux epoll where its native library loads, else Java NIO), epoll or nio"),
            new Setting("pdf-font", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                    "TrueType font (.ttf, or .ttc: its first face) embedded in board.pdf for Chinese text"),
            new Setting("node-id", "", "this server's identity for board leases (Redis); empty = host name + hash of the data dir"),
            new Setting("redis-lease-ttl", "10s", "a board's lease lapses this long after its server's last renewal (Redis)"),
            new Setting("redis-lease-renew", "0", "how often a room renews its board's lease (Redis); 0 = a third of the TTL"),
            new Setting("redis-command-timeout", "3s", "a Redis command not answered within this fails (Redis counts as down)"),
            new Setting("max-image-bytes", "1048576", "largest uploaded image (persona photos); larger is 413 TOO_LARGE"),
            new Setting("feedback-max-bytes", "10485760", "largest feedback CSV accepted, in bytes; larger is 413 TOO_LARGE"),
            new Setting("feedback-max-rows", "50000", "data rows in one feedback CSV; more is 413 TOO_LARGE"),
            new Setting("feedback-max-text", "2000", "characters in one feedback text; a longer row is reported and skipped"),
            new Setting("metrics-max-readings", "1000", "readings in one metrics push; more is 413 TOO_LARGE"),
            new Setting("max-queued-bytes", "4194304", "bytes queued for one socket that does not read before it is closed (4408 too slow)"),
            new Setting("frame-ancestors", "", "CSP frame-ancestors: origins allowed to frame the app (space-separated); empty = none"),
            new Setting("create-token", "", "when set, creating a board needs this key (Authorization: Bearer …)"),
            new Setting("creates-per-minute", "20", "boards one address may create per minute (bursts of that many); more get 429"),

            new Setting("history-checkpoint-every", "1000", "ops between the history's checkpoints (a board as it was at a seq)"),
            new Setting("history-keep", "all", "history kept per board: all, a number of days (90d) or a number of ops (100000)"),
            new Setting("early-broadcast", "false", "others see an edit once sequenced, before it is durable (the sender's ack still waits); embedded store only"),
            new Setting("append-pacing", "50", "microseconds per participant between two deliveries of a board's edits to others above 30 people "
                    + "(at most 20 ms): fewer frames, less CPU, up to that much more latency; 0 = others get each append as soon as it is durable; "
                    + "appends themselves and the senders' acks are never spaced"));

    /** Settings that may be given as a bare flag ({@code --early-broadcast} = {@code --early-broadcast true}). */
    private static final java.util.Set<String> SWITCHES = java.util.Set.of("early-broadcast");

    public static ServerConfig fromEnvironment(String[] args) {
        return from(System.getenv(), args);
    }

    /** @throws IllegalArgumentException for an unknown flag or a bad value, naming it */
    public static ServerConfig from(Map<String, String> env, String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting s : SETTINGS) values.put(s.name(), env.getOrDefault(s.env(), s.defaultValue()));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + a + "'");
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (SWITCHES.contains(name) && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
                value = "true";
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException("--" + name + " needs a value");
                value = args[++i];
            }
            if (!values.containsKey(name)) throw new IllegalArgumentException("unknown flag --" + name + "\n" + usage());
            values.put(name, value);
        }
        return new ServerConfig(
                values.get("host"),
                parse(values, "port", Integer::parseInt),
                Path.of(values.get("data-dir")),
                values.get("redis-url").isBlank() ? null : values.get("redis-url").strip(),
                Arrays.stream(values.get("allowed-origins").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                values.get("public-url").isBlank() ? null : values.get("public-url").replaceAll("/+$", ""),
                parse(values, "max-frame-bytes", Integer::parseInt),
                parse(values, "ops-per-second", Integer::parseInt),
                parse(values, "max-elements", Integer::parseInt),
                parse(values, "max-text-length", Integer::parseInt),
                parse(values, "max-ops-per-message", Integer::parseInt),
                parse(values, "ping-interval", ServerConfig::duration),
                parse(values, "idle-timeout", ServerConfig::duration),
                parse(values, "room-idle", ServerConfig::duration),
                parse(values, "snapshot-every", Integer::parseInt),
                parse(values, "snapshot-interval", ServerConfig::duration),
                parse(values, "resume-tail", Integer::parseInt),
                parse(values, "event-loops", Integer::parseInt),
                parse(values, "transport", dev.journeyboard.server.net.NetTransport::parse),
                Path.of(values.get("pdf-font").strip()),
                values.get("node-id").isBlank() ? defaultNodeId(Path.of(values.get("data-dir"))) : checkedNodeId(values.get("node-id").strip()),
                parse(values, "redis-lease-ttl", ServerConfig::positive),
                parse(values, "redis-lease-renew", ServerConfig::duration),
                parse(values, "redis-command-timeout", ServerConfig::positive),
                parse(values, "max-image-bytes", Integer::parseInt),
                parse(values, "feedback-max-bytes", Long::parseLong),
                parse(values, "feedback-max-rows", Integer::parseInt),
                parse(values, "feedback-max-text", Integer::parseInt),
                parse(values, "metrics-max-readings", Integer::parseInt),
                parse(values, "max-queued-bytes", ServerConfig::positiveLong),
                checkedSources(values.get("frame-ancestors").strip()),
                values.get("create-token").isBlank() ? null : values.get("create-token").strip(),
                parse(values, "creates-per-minute", Integer::parseInt),
                history(values),
                parse(values, "early-broadcast", ServerConfig::bool),
                parse(values, "append-pacing", ServerConfig::pacing)).checked();
    }

    private static boolean bool(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off", "" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static int pacing(String v) {
        int n = Integer.parseInt(v.strip());
        if (n < 0 || n > 1000) throw new IllegalArgumentException("must be 0 to 1000 (microseconds per participant)");
        return n;
    }

    private static long positiveLong(String v) {
        long n = Long.parseLong(v);
        if (n <= 0) throw new IllegalArgumentException("must be positive");
        return n;
    }

    /** CSP source expressions only (no ';' or ',' that would end the directive and add others). */
    private static String checkedSources(String v) {
        if (!v.matches("[A-Za-z0-9:/.*\\-' ]*")) {
            throw new IllegalArgumentException("--frame-ancestors takes origins such as https://intranet.example.com, space-separated");
        }
        return v;
    }

    private static dev.journeyboard.server.history.HistorySettings history(Map<String, String> values) {
        int every = parse(values, "history-checkpoint-every", Integer::parseInt);
        if (every < 1) throw new IllegalArgumentException("bad value '" + every + "' for --history-checkpoint-every: at least 1");
        String keep = values.get("history-keep");
        try {
            return dev.journeyboard.server.history.HistorySettings.parse(every, keep);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value '" + keep + "' for --history-keep: all, a number of days (90d) or a number of ops (100000)");
        }
    }

    /** Cross-field checks; @throws IllegalArgumentException naming the flags */
    private ServerConfig checked() {
        if (redisLeaseRenew.isNegative() || redisLeaseRenew.compareTo(redisLeaseTtl) >= 0) {
            throw new IllegalArgumentException("--redis-lease-renew (" + redisLeaseRenew.toMillis() + " ms) must be below --redis-lease-ttl ("
                    + redisLeaseTtl.toMillis() + " ms), or 0 for a third of it");
        }
        return this;
    }

    /** How often rooms renew their leases: the setting, or a third of the TTL. */
    public Duration leaseRenewal() {
        return redisLeaseRenew.isZero() ? redisLeaseTtl.dividedBy(3) : redisLeaseRenew;
    }

    /**
     * The same after a restart of the same server (same host, same data folder), different for two servers on
     * one host with their own folders: a restarted server recognises its own leases and takes them back at
     * once instead of waiting out its previous life's TTL. No pid or random part, on purpose.
     */
    static String defaultNodeId(Path dataDir) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "node");
        }
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(dataDir.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return host + "/" + java.util.HexFormat.of().formatHex(h, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checkedNodeId(String id) {
        if (id.length() > 200 || id.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("bad value '" + id + "' for --node-id: 1..200 characters without spaces");
        }
        return id;
    }

    private static Duration positive(String s) {
        Duration d = duration(s);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("must be positive");
        return d;
    }

    public static String usage() {
        var lines = new ArrayList<String>();
        lines.add("Options (flag / environment variable, default):");
        for (Setting s : SETTINGS) {
            lines.add(String.format("  --%-22s %-26s %-6s %s", s.name(), s.env(), s.defaultValue().isEmpty() ? "-" : s.defaultValue(), s.help()));
        }
        return String.join("\n", lines);
    }

    private static <T> T parse(Map<String, String> values, String name, Function<String, T> parser) {
        String v = values.get(name);
        try {
            return parser.apply(v.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad value '" + v + "' for --" + name);
        }
    }

    /** "250ms", "15s", "2m" or plain milliseconds. */
    static Duration duration(String s) {
        if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        if (s.endsWith("s")) return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
        if (s.endsWith("m")) return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
        return Duration.ofMillis(Long.parseLong(s));
    }

    public dev.journeyboard.protocol.board.Limits limits() {
        return new dev.journeyboard.protocol.board.Limits(maxElements, maxTextLength, maxOpsPerMessage);
    }
}
