package dev.journeyboard.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeyboard.protocol.message.MessageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Two runs side by side: issue 15's many-boards target is "op p99 at most 1.25x the same scenario with
 * the data on tmpfs, run right after it on the same machine". {@code --compare other.json} (in either run:
 * the disk one or the tmpfs one) puts the ratio into a run's report and its target; {@code java -jar
 * jb-load.jar compare a.json b.json} prints the main figures of two result files with their ratios.
 */
final class Compare {
    static final double MANY_BOARDS_MAX_RATIO = 1.25;

    private Compare() {}

    /** The metrics compared, as paths into a result; the op p99 (delivery to the others) comes first. */
    static final List<String[]> METRICS = List.of(
            new String[] {"op p99 to others (ms)", "latency", "opDelivery", "p99_ms"},
            new String[] {"op p50 to others (ms)", "latency", "opDelivery", "p50_ms"},
            new String[] {"op p99.9 to others (ms)", "latency", "opDelivery", "p999_ms"},
            new String[] {"op ack p99 (ms)", "latency", "opAck", "p99_ms"},
            new String[] {"presence p99 (ms)", "latency", "presence", "p99_ms"},
            new String[] {"server CPU-s per 1,000 delivered ops", "server", "cpuSecondsPer1000DeliveredOps"},
            new String[] {"server RSS peak (MiB)", "server", "rssPeakBytes"},
            new String[] {"server RSS per connection (KiB)", "server", "rssPerConnectionBytes"},
            new String[] {"disk fsync p99 (ms)", "disk", "fsync", "p99_ms"});

    static JsonNode at(JsonNode r, String[] metric) {
        JsonNode n = r;
        for (int i = 1; i < metric.length; i++) n = n.path(metric[i]);
        return n;
    }

    /** The metric's value in the unit its label names (results hold bytes). */
    static double value(JsonNode r, String[] metric) {
        double v = at(r, metric).asDouble(Double.NaN);
        if (metric[0].endsWith("(MiB)")) return v / 1048576.0;
        if (metric[0].endsWith("(KiB)")) return v / 1024.0;
        return v;
    }

    /**
     * The disk-vs-tmpfs comparison of {@code run} and {@code reference}, in either order (issue 15 runs the
     * tmpfs one right after the disk one): whichever was on tmpfs is the base, the ratio is the disk run's op
     * p99 over the tmpfs run's. Says why the comparison might not be valid: another scenario, no tmpfs side or
     * two tmpfs sides, a run whose generator did not keep up (this run's own verdict gates its targets
     * anyway), runs far apart in time or on different CPUs.
     */
    static ObjectNode of(JsonNode run, JsonNode reference, String referenceName) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("reference", referenceName);
        o.put("referenceScenario", reference.path("scenario").asText());
        o.put("referenceDataDirFileSystem", fileSystem(reference));
        boolean runIsTmpfs = fileSystem(run).equals("tmpfs");
        boolean refIsTmpfs = fileSystem(reference).equals("tmpfs");
        boolean swapped = runIsTmpfs && !refIsTmpfs; // this run is the tmpfs base, the reference the disk run
        JsonNode disk = swapped ? reference : run;
        JsonNode tmpfs = swapped ? run : reference;
        o.put("diskRun", swapped ? referenceName : "this run").put("tmpfsRun", swapped ? "this run" : referenceName);
        double a = at(disk, METRICS.get(0)).asDouble(Double.NaN);
        double b = at(tmpfs, METRICS.get(0)).asDouble(Double.NaN);
        o.put("diskOpP99Ms", a).put("tmpfsOpP99Ms", b);
        double ratio = ratio(a, b);
        if (!Double.isNaN(ratio)) o.put("opP99Ratio", Math.round(ratio * 1000) / 1000.0);
        ArrayNode problems = o.putArray("problems");
        if (Double.isNaN(ratio)) problems.add("op p99 missing in one of the runs");
        if (!run.path("scenario").asText().equals(reference.path("scenario").asText())) {
            problems.add("reference is scenario " + reference.path("scenario").asText() + ", not " + run.path("scenario").asText());
        }
        if (!fileSystem(tmpfs).equals("tmpfs")) problems.add("neither run had its data dir on tmpfs (reference: " + fileSystem(reference) + ")");
        if (runIsTmpfs && refIsTmpfs) problems.add("both runs had their data dir on tmpfs");
        JsonNode refKept = reference.path("generator").path("verdict").path("keptUp");
        if (refKept.isBoolean() && !refKept.asBoolean()) problems.add("the reference run's generator did not keep up");
        else if (!refKept.isBoolean()) problems.add("the reference run does not say whether its generator kept up");
        Double minutes = minutesApart(run, reference);
        if (minutes != null) {
            o.put("minutesApart", Math.round(minutes * 10) / 10.0);
            if (minutes > 60) problems.add("the runs are " + Math.round(minutes) + " minutes apart (should be back to back)");
        }
        if (!run.path("machine").path("cpu").asText().equals(reference.path("machine").path("cpu").asText())) {
            problems.add("the runs were on different CPUs");
        }
        o.put("valid", problems.isEmpty());
        return o;
    }

    static double ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b <= 0) return Double.NaN;
        return a / b;
    }

    /** The file system the run's server data dir was on: recorded since this version, else guessed from the command. */
    static String fileSystem(JsonNode r) {
        JsonNode s = r.path("serverSettings");
        if (s.hasNonNull("dataDirFileSystem")) return s.path("dataDirFileSystem").asText();
        String cmd = s.path("command").asText("");
        if (cmd.contains("--data-dir /dev/shm/")) return "tmpfs";
        return "unknown";
    }

    private static Double minutesApart(JsonNode a, JsonNode b) {
        try {
            var ta = LocalDateTime.parse(a.path("startedAt").asText());
            var tb = LocalDateTime.parse(b.path("startedAt").asText());
            return Math.abs(Duration.between(ta, tb).toMillis()) / 60_000.0;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The printed table of the {@code compare} sub-command. */
    static String table(JsonNode a, String nameA, JsonNode b, String nameB) {
        var sb = new StringBuilder();
        sb.append("| metric | ").append(nameA).append(" | ").append(nameB).append(" | ratio (first / second) |\n|---|---|---|---|\n");
        for (String[] m : METRICS) {
            double x = value(a, m);
            double y = value(b, m);
            double q = ratio(x, y);
            sb.append("| ").append(m[0]).append(" | ").append(cell(x)).append(" | ").append(cell(y)).append(" | ")
                    .append(Double.isNaN(q) ? "-" : String.format("%.3f", q)).append(" |\n");
        }
        sb.append("| data dir file system | ").append(fileSystem(a)).append(" | ").append(fileSystem(b)).append(" | |\n");
        sb.append("| generator kept up | ").append(kept(a)).append(" | ").append(kept(b)).append(" | |\n");
        return sb.toString();
    }

    private static String kept(JsonNode r) {
        JsonNode k = r.path("generator").path("verdict").path("keptUp");
        return k.isBoolean() ? (k.asBoolean() ? "yes" : "no") : "unknown";
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "-" : Targets.fmt(v);
    }

    static JsonNode read(Path file) throws IOException {
        return MessageCodec.json().readTree(Files.readString(file));
    }

    /**
     * {@code compare A.json B.json}: prints the table and the op p99 ratio A / B. Exit code: 0 when the
     * ratio is within {@value #MANY_BOARDS_MAX_RATIO} and the comparison is valid, 1 when not, 2 on bad arguments.
     */
    static int cli(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: java -jar jb-load.jar compare RUN.json REFERENCE.json   (e.g. many-boards on disk vs. on tmpfs)");
            return 2;
        }
        try {
            Path pa = Path.of(args[1]);
            Path pb = Path.of(args[2]);
            JsonNode a = read(pa);
            JsonNode b = read(pb);
            System.out.print(table(a, pa.getFileName().toString(), b, pb.getFileName().toString()));
            ObjectNode c = of(a, b, pb.getFileName().toString());
            double ratio = c.path("opP99Ratio").asDouble(Double.NaN);
            String disk = c.path("diskRun").asText().equals("this run") ? pa.getFileName().toString() : pb.getFileName().toString();
            String tmpfs = disk.equals(pa.getFileName().toString()) ? pb.getFileName().toString() : pa.getFileName().toString();
            System.out.printf("%nop p99 on disk / on tmpfs: %s / %s = %s (many-boards target <= %.2f)%n", disk, tmpfs,
                    Double.isNaN(ratio) ? "-" : String.format("%.3f", ratio), MANY_BOARDS_MAX_RATIO);
            for (JsonNode p : c.path("problems")) System.out.println("  not a valid comparison: " + p.asText());
            return c.path("valid").asBoolean() && ratio <= MANY_BOARDS_MAX_RATIO ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("compare: " + e.getMessage());
            return 2;
        }
    }
}
