package dev.journeyboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether the generator kept up, from what it observed about itself. */
class VerdictTest {
    private static Verdict.Inputs inputs(double lagP99, double lagLimit, double busiest, double slipP99, long slipSamples, double others) {
        double gen = 0.6;
        double srv = 0.8;
        return new Verdict.Inputs(lagP99, 6000, lagLimit, busiest, slipP99, slipSamples, gen, srv, gen + srv + others, 2, 12);
    }

    /** Judges {@code in}, asserts the generator did not keep up, and returns the summary, which says why. */
    private static String whyNot(Verdict.Inputs in) {
        Verdict v = Verdict.judge(in);
        assertThat(v.keptUp()).isFalse();
        return v.summary();
    }

    @Test
    void keptUpWhenEveryCheckPasses() {
        Verdict v = Verdict.judge(inputs(0.4, 5, 0.35, 1.2, 24_000, 0));
        assertThat(v.keptUp()).isTrue();
        assertThat(v.checks()).hasSize(3).allMatch(Verdict.Check::ok);
        assertThat(v.summary()).startsWith("yes: ").contains("0.40 ms <= 5 ms").contains("35% <= 90%");
    }

    @Test
    void eventLoopLagAboveTheLimitMeansNo() {
        assertThat(whyNot(inputs(6.5, 5, 0.5, 1, 100, 0))).startsWith("no: generator event-loop lag p99").contains("6.50 ms > 5 ms").doesNotContain("CPU share");
    }

    @Test
    void aSaturatedLoopIsNamedAsTheCause() {
        assertThat(whyNot(inputs(1, 5, 0.97, 1, 100, 0))).contains("97% > 90%").contains("the generator itself was saturated");
    }

    @Test
    void otherProcessesAreNamedWhenTheMachineWasBusy() {
        assertThat(whyNot(inputs(20, 5, 0.4, 30, 100, 0.6))).contains("send schedule slip p99").contains("CPU contention").contains("other processes 0.60");
    }

    @Test
    void slipIsNotCheckedWhenNothingIsSentOnASchedule() {
        Verdict v = Verdict.judge(inputs(0.3, 5, 0.1, Double.NaN, 0, 0));
        assertThat(v.keptUp()).isTrue();
        assertThat(v.checks()).extracting(Verdict.Check::what).noneMatch(w -> w.contains("slip"));
    }

    @Test
    void anUnmeasuredLagIsNotKeptUp() {
        assertThat(whyNot(new Verdict.Inputs(Double.NaN, 0, 5, 0.1, 0, 0, 0.1, 0.1, 0.2, 2, 0))).contains("not measured");
    }

    @Test
    void theLagLimitIsHalfTheTightestTargetWithinOneToFiveMs() {
        assertThat(Verdict.lagLimitMs(Double.NaN)).isEqualTo(5);
        assertThat(Verdict.lagLimitMs(50)).isEqualTo(5);
        assertThat(Verdict.lagLimitMs(7.6)).isEqualTo(3.8);
        assertThat(Verdict.lagLimitMs(1.5)).isEqualTo(1);
    }

    @Test
    void theJsonCarriesEveryCheck() {
        var json = Verdict.judge(inputs(0.4, 5, 0.35, 1.2, 10, 0)).toJson();
        assertThat(json.path("keptUp").asBoolean()).isTrue();
        assertThat(json.path("checks")).hasSize(3);
        assertThat(json.path("checks").get(0).path("measured").asDouble()).isEqualTo(0.4);
    }
}
