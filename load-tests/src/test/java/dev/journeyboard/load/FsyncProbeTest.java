package dev.journeyboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fsync probe: its statistics, and that it writes, syncs and cleans up a real file. */
class FsyncProbeTest {
    @Test
    void summarisesTheSamplesInMilliseconds() {
        Histogram h = LoopStats.hist();
        for (int i = 1; i <= 100; i++) h.recordValue(i * 100L); // 0.1 .. 10 ms
        var s = FsyncProbe.summary(h, 10);
        assertThat(s.path("count").asLong()).isEqualTo(100);
        // HdrHistogram with 3 significant digits: values are exact to 0.1%
        assertThat(s.path("p50_ms").asDouble()).isCloseTo(5.0, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(s.path("p99_ms").asDouble()).isCloseTo(9.9, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(s.path("max_ms").asDouble()).isCloseTo(10.0, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(s.path("what").asText()).contains("fdatasync").contains("every 10 ms");
    }

    @Test
    void anEmptyProbeHasNoPercentiles() {
        var s = FsyncProbe.summary(LoopStats.hist(), 10);
        assertThat(s.path("count").asLong()).isZero();
        assertThat(s.has("p99_ms")).isFalse();
    }

    @Test
    void appendsAndSyncsInTheGivenFolderAndDeletesItsFile(@TempDir Path dir) throws Exception {
        Path file;
        try (var probe = new FsyncProbe(dir, Duration.ofMillis(10))) {
            file = probe.file();
            assertThat(file.getParent()).isEqualTo(dir);
            for (int i = 0; i < 3; i++) assertThat(probe.once()).isNotNegative();
            assertThat(Files.size(file)).isEqualTo(3L * FsyncProbe.RECORD_BYTES);
            var s = probe.stop();
            assertThat(s.path("count").asLong()).isEqualTo(3);
            assertThat(s.has("p50_ms")).isTrue();
            assertThat(s.has("failure")).isFalse();
        }
        assertThat(Files.exists(file)).isFalse();
    }
}
