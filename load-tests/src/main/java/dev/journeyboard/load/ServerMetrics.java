package dev.journeyboard.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of the server's {@code /metrics} (Prometheus text): the counters and the store append histogram,
 * so that a report can put the server's own view (e.g. fsync time) next to what the participants measured.
 */
final class ServerMetrics {
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    final Map<String, Double> values = new TreeMap<>();
    /** store append histogram: upper bound in seconds -> cumulative count */
    final TreeMap<Double, Double> appendBuckets = new TreeMap<>();
    /** jvm_memory_used_bytes / _committed_bytes / _max_bytes summed over the heap pools. */
    final Map<String, Double> heap = new TreeMap<>();
    final boolean available;

    private ServerMetrics(String text) {
        available = text != null;
        if (text == null) return;
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String labels = m.group(2) == null ? "" : m.group(2);
            double v;
            try {
                v = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                continue;
            }
            if (name.equals("jb_store_append_seconds_bucket")) {
                Matcher le = LE.matcher(labels);
                if (le.find()) appendBuckets.put(le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1)), v);
            } else if (name.startsWith("jb_")) {
                values.merge(name + labels, v, Double::sum);
            } else if (name.startsWith("jvm_memory_") && labels.contains("area=\"heap\"") && v >= 0) {
                heap.merge(name, v, Double::sum); // summed over the heap's pools (a pool without a max says -1)
            }
        }
    }

    static ServerMetrics scrape(HttpClient http, String url) {
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ServerMetrics(r.statusCode() == 200 ? r.body() : null);
        } catch (Exception e) {
            return new ServerMetrics(null);
        }
    }

    /** The server's heap at the time of this scrape (from Micrometer's JVM memory meters). */
    ObjectNode heapJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (!available || heap.isEmpty()) return o.put("available", false);
        o.put("usedBytes", heap.getOrDefault("jvm_memory_used_bytes", -1.0).longValue())
                .put("committedBytes", heap.getOrDefault("jvm_memory_committed_bytes", -1.0).longValue())
                .put("maxBytes", heap.getOrDefault("jvm_memory_max_bytes", -1.0).longValue());
        return o;
    }

    /** What changed between two scrapes, as JSON: counter deltas and the window's append latency quantiles. */
    static ObjectNode delta(ServerMetrics a, ServerMetrics b) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (!a.available || !b.available) {
            o.put("available", false);
            return o;
        }
        ObjectNode c = o.putObject("counterDeltas");
        for (var e : b.values.entrySet()) {
            if (e.getKey().startsWith("jb_ops_rejected_total") && e.getValue() - a.values.getOrDefault(e.getKey(), 0.0) == 0) continue;
            if (e.getKey().endsWith("_total") || e.getKey().contains("_total{")) c.put(e.getKey(), e.getValue() - a.values.getOrDefault(e.getKey(), 0.0));
            else c.put(e.getKey(), e.getValue());
        }
        var window = new TreeMap<Double, Double>();
        for (var e : b.appendBuckets.entrySet()) window.put(e.getKey(), e.getValue() - a.appendBuckets.getOrDefault(e.getKey(), 0.0));
        double total = window.isEmpty() ? 0 : window.lastEntry().getValue();
        ObjectNode h = o.putObject("storeAppend");
        h.put("what", "server-side store append of one group-committed batch (from /metrics histogram buckets; upper bucket bounds)");
        h.put("count", (long) total);
        double sum = b.values.getOrDefault("jb_store_append_seconds_sum", 0.0) - a.values.getOrDefault("jb_store_append_seconds_sum", 0.0);
        if (total > 0) {
            h.put("mean_ms", Math.round(sum / total * 1e6) / 1000.0);
            for (double q : new double[] {50, 90, 99, 99.9}) {
                double want = total * q / 100;
                for (var e : window.entrySet()) {
                    if (e.getValue() >= want) {
                        h.put("p" + (q == 99.9 ? "999" : String.valueOf((int) q)) + "_ms",
                                Double.isInfinite(e.getKey()) ? -1 : Math.round(e.getKey() * 1e6) / 1000.0);
                        break;
                    }
                }
            }
        }
        return o;
    }
}
