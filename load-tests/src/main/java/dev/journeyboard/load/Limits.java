package dev.journeyboard.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The generator's own limits for a run of {@code connections} sockets: open files (this JVM's and the
 * server's "Max open files"; the JVM raises its soft limit to the hard one at start, and a started server
 * inherits it) and loopback ephemeral ports (one per socket, all to one server port). A run that could not
 * hold its sockets stops before connecting, saying which limit to raise.
 */
final class Limits {
    /** Besides the sockets: jars, logs, epoll and pipe descriptors, HTTP clients, the fsync probe. */
    static final int SPARE_FILES = 256;

    private Limits() {}

    static ObjectNode check(int connections, long serverPid) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        long need = connections + SPARE_FILES;
        o.put("connections", connections).put("openFilesNeeded", need);
        long[] self = Proc.openFilesLimit("self");
        o.put("generatorOpenFilesSoft", self[0]).put("generatorOpenFilesHard", self[1]);
        String problem = problem("the generator", self, need);
        if (serverPid > 0) {
            long[] srv = Proc.openFilesLimit(String.valueOf(serverPid));
            o.put("serverOpenFilesSoft", srv[0]).put("serverOpenFilesHard", srv[1]);
            if (problem == null) problem = problem("the server (pid " + serverPid + ")", srv, need);
        }
        int[] ports = Proc.ephemeralPorts();
        if (ports != null) {
            int n = ports[1] - ports[0] + 1;
            o.put("ephemeralPorts", ports[0] + "-" + ports[1]).put("ephemeralPortCount", n);
            if (problem == null && connections > n) {
                problem = connections + " sockets to one server port need as many ephemeral ports; net.ipv4.ip_local_port_range has " + n;
            }
        }
        if (problem != null) throw new Options.UsageException(problem);
        return o;
    }

    static String problem(String who, long[] softHard, long need) {
        long soft = softHard[0];
        if (soft < 0 || soft >= need) return null;
        return who + " may open " + soft + " files (ulimit -n; hard limit " + (softHard[1] < 0 ? "unlimited" : softHard[1]) + ") but this run needs about "
                + need + ": raise it (ulimit -n " + need + ") before starting";
    }
}
