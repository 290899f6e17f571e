package dev.journeyboard.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Linux /proc readings: a process's CPU time and resident memory, the machine's CPU, a port's owner. */
final class Proc {
    /** USER_HZ: the unit of utime/stime in /proc/[pid]/stat; 100 on every Linux we run on. */
    static final double CLK_TCK = 100.0;

    private Proc() {}

    /** utime + stime of {@code pid} in seconds, or -1. */
    static double cpuSeconds(long pid) {
        try {
            String[] f = statFromState(pid);
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The niceness of {@code pid}'s main thread (field 19 of /proc/[pid]/stat), or null if unreadable. */
    static Integer niceness(long pid) {
        try {
            return Integer.parseInt(statFromState(pid)[16]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The fields of /proc/[pid]/stat from field 3 (state) on: index i is field i + 3. */
    private static String[] statFromState(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // the command name (field 2) may hold spaces: count fields after its closing parenthesis
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** A field of /proc/[pid]/status in bytes (VmRSS, VmHWM), or -1. */
    static long statusBytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    String[] p = line.substring(field.length() + 1).trim().split("\\s+");
                    return Long.parseLong(p[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** A /proc file read to its end through a stream (its size says 0). */
    private static byte[] readProc(Path p) throws IOException {
        try (var in = Files.newInputStream(p)) {
            return in.readAllBytes();
        }
    }

    /** The command line of {@code pid} (empty if unreadable). */
    static List<String> cmdline(long pid) {
        try {
            String raw = new String(readProc(Path.of("/proc/" + pid + "/cmdline")), java.nio.charset.StandardCharsets.UTF_8);
            var out = new java.util.ArrayList<String>();
            for (String a : raw.split("\0")) if (!a.isEmpty()) out.add(a);
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The environment of {@code pid} (empty if unreadable: another user's process). */
    static java.util.Map<String, String> environ(long pid) {
        var out = new java.util.TreeMap<String, String>();
        try {
            String raw = new String(readProc(Path.of("/proc/" + pid + "/environ")), java.nio.charset.StandardCharsets.UTF_8);
            for (String kv : raw.split("\0")) {
                int eq = kv.indexOf('=');
                if (eq > 0) out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        } catch (IOException | RuntimeException e) {
            // not ours to read
        }
        return out;
    }

    /** The working directory of {@code pid}, or null. */
    static Path cwd(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {soft, hard} "Max open files" of {@code pid} ("self" for this JVM); -1 = unlimited or unknown. */
    static long[] openFilesLimit(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return new long[] {limit(f[0]), limit(f[1])};
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return new long[] {-1, -1};
    }

    private static long limit(String v) {
        return v.equals("unlimited") ? -1 : Long.parseLong(v);
    }

    /** The ephemeral port range {low, high} for outgoing connections, or null. */
    static int[] ephemeralPorts() {
        try {
            // readAllLines: Files.readString can return a short read on /proc/sys files
            String[] f = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
            return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) return Integer.parseInt(line.substring(8).trim());
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** This JVM's CPU time in seconds. */
    static double selfCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime() / 1e9;
        return cpuSeconds(ProcessHandle.current().pid());
    }

    /** Machine-wide {busy, total} jiffies from /proc/stat. */
    static long[] machineJiffies() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) idle += v; // idle, iowait
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException e) {
            // unknown
        }
        return "?";
    }

    /** The pid of the process listening on TCP {@code port}, found through /proc/net/tcp(6) and /proc/[pid]/fd; -1 if none. */
    static long pidListeningOn(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        String inode = null;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // local_address rem_address st ... inode(9); st 0A = LISTEN
                    if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                        inode = f[9];
                        break;
                    }
                }
            } catch (IOException e) {
                // no such table
            }
            if (inode != null) break;
        }
        if (inode == null) return -1;
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(p.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (Files.readSymbolicLink(fd).toString().equals(target)) return Long.parseLong(p.getFileName().toString());
                        } catch (IOException e) {
                            // closed meanwhile
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // not ours to read, or gone
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
