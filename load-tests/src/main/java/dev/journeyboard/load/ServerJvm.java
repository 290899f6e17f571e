package dev.journeyboard.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server JVM's heap and GC settings, for the report: the options on its command line (and in the
 * {@code JAVA_TOOL_OPTIONS}-style variables of its environment), and what the JVM actually chose, from
 * {@code jcmd <pid> VM.flags} (read once, before the measured window). RSS targets mean little without them.
 */
final class ServerJvm {
    private ServerJvm() {}

    static ObjectNode describe(long pid) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (pid <= 0) return o.put("available", false);
        List<String> cmd = Proc.cmdline(pid);
        var opts = o.putArray("commandLineOptions");
        jvmOptions(cmd).forEach(opts::add);
        Map<String, String> env = Proc.environ(pid);
        ObjectNode e = o.putObject("environment");
        for (String k : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) if (env.containsKey(k)) e.put(k, env.get(k));
        String flags = jcmdFlags(cmd.isEmpty() ? null : cmd.get(0), pid);
        if (flags == null) {
            o.put("effective", "unavailable (jcmd failed)");
        } else {
            ObjectNode eff = o.putObject("effective");
            parseVmFlags(flags).forEach(eff::put);
            o.put("summary", summary(parseVmFlags(flags)));
        }
        return o;
    }

    /** The JVM options of a {@code java ... -jar x.jar args} or {@code java ... MainClass args} command line. */
    static List<String> jvmOptions(List<String> cmd) {
        var out = new ArrayList<String>();
        for (int i = 1; i < cmd.size(); i++) {
            String a = cmd.get(i);
            if (a.equals("-jar") || !a.startsWith("-")) break;
            out.add(a);
            if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
                if (i + 1 < cmd.size()) out.add(cmd.get(++i));
            }
        }
        return out;
    }

    /**
     * The heap, GC and memory flags from {@code jcmd VM.flags} output ({@code -XX:MaxHeapSize=268435456
     * -XX:+UseG1GC ...}): name -> value ("true" for a {@code +} flag; {@code -} flags are left out).
     */
    static Map<String, String> parseVmFlags(String text) {
        var out = new LinkedHashMap<String, String>();
        for (String tok : text.split("\\s+")) {
            if (!tok.startsWith("-XX:")) continue;
            String f = tok.substring(4);
            String name;
            String value;
            if (f.startsWith("+")) {
                name = f.substring(1);
                value = "true";
            } else if (f.startsWith("-")) {
                continue;
            } else {
                int eq = f.indexOf('=');
                if (eq < 0) continue;
                name = f.substring(0, eq);
                value = f.substring(eq + 1);
            }
            boolean wanted = name.contains("Heap") || name.endsWith("GC") || name.contains("Direct") || name.contains("RAM")
                    || name.contains("Metaspace") || name.equals("MaxNewSize") || name.equals("NewSize");
            if (wanted) out.put(name, value);
        }
        return out;
    }

    /** "heap 64 MiB initial / 256 MiB max, G1". */
    static String summary(Map<String, String> f) {
        var sb = new StringBuilder("heap ");
        sb.append(mib(f.get("InitialHeapSize"))).append(" initial / ").append(mib(f.get("MaxHeapSize"))).append(" max");
        for (var e : f.entrySet()) {
            if (e.getKey().startsWith("Use") && e.getKey().endsWith("GC") && e.getValue().equals("true")) {
                sb.append(", ").append(e.getKey(), 3, e.getKey().length() - 2);
            }
        }
        return sb.toString();
    }

    private static String mib(String bytes) {
        if (bytes == null) return "?";
        try {
            return (Long.parseLong(bytes) >> 20) + " MiB";
        } catch (NumberFormatException e) {
            return bytes;
        }
    }

    private static String jcmdFlags(String serverJava, long pid) {
        Path jcmd = null;
        for (String java : new String[] {serverJava, ProcessHandle.current().info().command().orElse(null)}) {
            if (java == null) continue;
            Path p = Path.of(java).resolveSibling("jcmd");
            if (Files.isExecutable(p)) {
                jcmd = p;
                break;
            }
        }
        if (jcmd == null) return null;
        Path out = null;
        try {
            // output into a file, so that a jcmd that hangs (an unresponsive JVM) is cut off by the timeout
            out = Files.createTempFile("jb-load-jcmd-", ".txt");
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "VM.flags").redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temp file left behind
                }
            }
        }
    }
}
