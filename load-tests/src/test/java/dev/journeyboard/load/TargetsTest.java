package dev.journeyboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Issue 15's targets against made-up results, and how the generator's verdict gates them. */
class TargetsTest {
    private static ObjectNode result(double opP99, double fsyncP99) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.putObject("latency").putObject("opDelivery").put("p99_ms", opP99);
        r.with("latency").putObject("presence").put("p99_ms", 40.0);
        r.putObject("disk").putObject("fsync").put("p99_ms", fsyncP99);
        r.putObject("errors").put("total", 0);
        r.putObject("connections").put("target", 3000).put("held", 3000).put("disconnects", 0);
        r.putObject("server").put("rssPeakBytes", 300L << 20).put("rssPerConnectionBytes", 30 * 1024.0);
        r.putObject("serverSettings").put("dataDirFileSystem", "ext4").put("earlyBroadcast", false);
        return r;
    }

    @Test
    void workshopWaitsForDurabilityAgainstTheFsyncOfTheSameRun() {
        ObjectNode r = result(7.0, 5.6);
        Targets.evaluate("workshop", r);
        var op = r.path("targets").get(0);
        assertThat(op.path("target").asText()).isEqualTo("<= 7.60 ms");
        assertThat(op.path("within").asBoolean()).isTrue();
        assertThat(Targets.tightestLatencyMs(r)).isEqualTo(7.6);
        Targets.conclude(r, true);
        assertThat(r.path("outcome").asText()).isEqualTo("met");
        assertThat(Targets.exitCode(r)).isZero();
    }

    @Test
    void workshopWithEarlyBroadcastMustStayUnderTwoAndAHalfMs() {
        ObjectNode r = result(3.0, 5.6);
        r.with("serverSettings").put("earlyBroadcast", true);
        Targets.evaluate("workshop", r);
        var op = r.path("targets").get(0);
        assertThat(op.path("target").asText()).isEqualTo("<= 2.50 ms");
        assertThat(op.path("within").asBoolean()).isFalse();
        assertThat(op.path("missedBy").asText()).startsWith("0.50 ms");
        Targets.conclude(r, true);
        assertThat(r.path("outcome").asText()).isEqualTo("missed");
        assertThat(Targets.exitCode(r)).isEqualTo(1);
    }

    @Test
    void workshopWithoutAnFsyncProbeIsNotMeasured() {
        ObjectNode r = result(1.0, 0);
        r.with("disk").putObject("fsync").put("count", 0);
        Targets.evaluate("workshop", r);
        assertThat(r.path("targets").get(0).path("measured").asText()).startsWith("not measured");
        assertThat(r.path("targets").get(0).path("within").asBoolean()).isFalse();
    }

    @Test
    void aTargetWithinReachDoesNotCountWhenTheGeneratorDidNotKeepUp() {
        ObjectNode r = result(5.0, 1);
        Targets.evaluate("hot-board", r);
        Targets.conclude(r, false);
        assertThat(r.path("targets")).allMatch(t -> t.path("within").asBoolean() && !t.path("met").asBoolean());
        assertThat(r.path("passed").asBoolean()).isFalse();
        assertThat(r.path("outcome").asText()).isEqualTo("inconclusive");
        assertThat(Targets.exitCode(r)).isEqualTo(3);
    }

    @Test
    void hotBoardAndCrowdTargets() {
        ObjectNode hot = result(12.0, 1);
        Targets.evaluate("hot-board", hot);
        assertThat(hot.path("targets").get(0).path("target").asText()).isEqualTo("<= 10 ms");
        assertThat(hot.path("targets").get(0).path("within").asBoolean()).isFalse();
        ObjectNode crowd = result(12.0, 1);
        Targets.evaluate("crowd", crowd);
        assertThat(crowd.path("targets").get(0).path("target").asText()).isEqualTo("<= 50 ms");
        assertThat(crowd.path("targets").get(0).path("within").asBoolean()).isTrue();
        assertThat(crowd.path("targets").get(1).path("what").asText()).isEqualTo("disconnects");
    }

    @Test
    void manyBoardsOnDiskNeedsTheTmpfsComparison() {
        ObjectNode r = result(30, 5);
        Targets.evaluate("many-boards", r);
        var t = r.path("targets");
        assertThat(t.get(2).path("target").asText()).isEqualTo("<= 400 MiB");
        assertThat(t.get(3).path("measured").asText()).startsWith("not measured").contains("--compare");

        ObjectNode withCompare = result(30, 5);
        withCompare.putObject("compare").put("reference", "many-boards-tmpfs.json").put("diskRun", "this run")
                .put("tmpfsRun", "many-boards-tmpfs.json").put("opP99Ratio", 1.2).put("valid", true);
        Targets.evaluate("many-boards", withCompare);
        assertThat(withCompare.path("targets").get(3).path("within").asBoolean()).isTrue();

        ObjectNode invalid = result(30, 5);
        invalid.putObject("compare").put("reference", "x.json").put("opP99Ratio", 1.1).put("valid", false).putArray("problems").add("neither run had its data dir on tmpfs");
        Targets.evaluate("many-boards", invalid);
        assertThat(invalid.path("targets").get(3).path("within").asBoolean()).isFalse();
        assertThat(invalid.path("targets").get(3).path("measured").asText()).contains("neither run");
    }

    @Test
    void aTmpfsRunHasTheRatioTargetOnlyWhenComparedWithTheDiskRun() {
        ObjectNode r = result(30, 0.01);
        r.with("serverSettings").put("dataDirFileSystem", "tmpfs");
        Targets.evaluate("many-boards", r);
        assertThat(r.path("targets")).hasSize(3);
        r.putObject("compare").put("diskRun", "disk.json").put("tmpfsRun", "this run").put("opP99Ratio", 1.4).put("valid", true);
        Targets.evaluate("many-boards", r);
        assertThat(r.path("targets")).hasSize(4);
        assertThat(r.path("targets").get(3).path("what").asText()).contains("disk: disk.json");
        assertThat(r.path("targets").get(3).path("within").asBoolean()).isFalse();
    }

    @Test
    void idleHoldsEveryConnectionInFortyKibEach() {
        ObjectNode r = result(0, 1);
        r.with("connections").put("target", 5000).put("held", 4999);
        r.with("server").put("rssPerConnectionBytes", 41 * 1024.0);
        Targets.evaluate("idle", r);
        var t = r.path("targets");
        assertThat(t.get(0).path("what").asText()).contains("all 5000");
        assertThat(t.get(0).path("within").asBoolean()).isFalse();
        assertThat(t.get(1).path("measured").asText()).isEqualTo("41 KiB");
        assertThat(t.get(1).path("within").asBoolean()).isFalse();
        assertThat(Targets.tightestLatencyMs(r)).isNaN();
    }
}
