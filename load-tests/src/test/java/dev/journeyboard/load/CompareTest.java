package dev.journeyboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Two runs side by side: the many-boards disk vs. tmpfs ratio. */
class CompareTest {
    private static ObjectNode run(String scenario, double opP99, String fs, boolean keptUp, String startedAt) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("scenario", scenario).put("startedAt", startedAt);
        r.putObject("machine").put("cpu", "AMD EPYC");
        r.putObject("serverSettings").put("dataDirFileSystem", fs);
        r.putObject("latency").putObject("opDelivery").put("p99_ms", opP99).put("p50_ms", opP99 / 4);
        r.putObject("generator").putObject("verdict").put("keptUp", keptUp);
        r.putObject("server").put("cpuSecondsPer1000DeliveredOps", 0.02).put("rssPeakBytes", 300L << 20);
        return r;
    }

    @Test
    void theRatioOfBackToBackRunsIsValid() {
        var disk = run("many-boards", 36, "ext4", true, "2026-12-01T10:20:00");
        var tmpfs = run("many-boards", 30, "tmpfs", true, "2026-12-01T10:18:30");
        ObjectNode c = Compare.of(disk, tmpfs, "many-boards-tmpfs.json");
        assertThat(c.path("opP99Ratio").asDouble()).isEqualTo(1.2);
        assertThat(c.path("minutesApart").asDouble()).isEqualTo(1.5);
        assertThat(c.path("valid").asBoolean()).isTrue();
        assertThat(c.path("problems")).isEmpty();
    }

    @Test
    void theTmpfsRunMayComeSecond() {
        var disk = run("many-boards", 36, "ext4", true, "2026-12-01T10:20:00");
        var tmpfs = run("many-boards", 30, "tmpfs", true, "2026-12-01T10:21:30");
        ObjectNode c = Compare.of(tmpfs, disk, "many-boards-disk.json");
        assertThat(c.path("diskRun").asText()).isEqualTo("many-boards-disk.json");
        assertThat(c.path("tmpfsRun").asText()).isEqualTo("this run");
        assertThat(c.path("opP99Ratio").asDouble()).isEqualTo(1.2);
        assertThat(c.path("valid").asBoolean()).isTrue();
    }

    @Test
    void twoTmpfsRunsAreNoComparison() {
        ObjectNode c = Compare.of(run("many-boards", 30, "tmpfs", true, "x"), run("many-boards", 30, "tmpfs", true, "x"), "t.json");
        assertThat(c.path("valid").asBoolean()).isFalse();
        assertThat(c.path("problems").toString()).contains("both runs");
    }

    @Test
    void saysWhyAComparisonIsNotValid() {
        var disk = run("many-boards", 36, "ext4", true, "2026-12-01T10:20:00");
        var ref = run("hot-board", 30, "ext4", false, "2026-12-01T08:00:00");
        ObjectNode c = Compare.of(disk, ref, "ref.json");
        assertThat(c.path("valid").asBoolean()).isFalse();
        assertThat(c.path("problems").toString()).contains("scenario hot-board").contains("neither run").contains("did not keep up")
                .contains("140 minutes apart");
    }

    @Test
    void olderResultsOnTmpfsAreRecognisedByTheirCommand() {
        ObjectNode old = JsonNodeFactory.instance.objectNode();
        old.putObject("serverSettings").put("command", "java -Xmx512m -jar x.jar --data-dir /dev/shm/jb-load-data-1");
        assertThat(Compare.fileSystem(old)).isEqualTo("tmpfs");
        assertThat(Compare.fileSystem(JsonNodeFactory.instance.objectNode())).isEqualTo("unknown");
    }

    @Test
    void theTableShowsEachMetricWithItsRatio() {
        String t = Compare.table(run("many-boards", 36, "ext4", true, "x"), "disk.json", run("many-boards", 30, "tmpfs", true, "x"), "tmpfs.json");
        assertThat(t).contains("| op p99 to others (ms) | 36 | 30 | 1.200 |").contains("| data dir file system | ext4 | tmpfs | |")
                .contains("| presence p99 (ms) | - | - | - |").contains("| server RSS peak (MiB) | 300 | 300 | 1.000 |");
    }

    @Test
    void noRatioWithoutBothNumbers() {
        assertThat(Compare.ratio(3, 0)).isNaN();
        assertThat(Compare.ratio(Double.NaN, 2)).isNaN();
        assertThat(Compare.ratio(3, 2)).isEqualTo(1.5);
    }
}
