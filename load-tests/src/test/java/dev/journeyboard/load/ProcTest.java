package dev.journeyboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /proc readings of a real child process. */
class ProcTest {
    @Test
    void aServerStartedUnderNiceRunsAtThatNicenessUnderItsOwnPid() throws Exception {
        var cmd = new ArrayList<>(Options.parse(new String[] {"--server-nice", "7"}).serverCommandPrefix("sleep"));
        cmd.add("30");
        Process p = new ProcessBuilder(cmd).start();
        try {
            // nice execs its command: the pid the generator started becomes the command's own
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Proc.cmdline(p.pid()).equals(java.util.List.of("sleep", "30")) && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(Proc.cmdline(p.pid())).containsExactly("sleep", "30");
            assertThat(Proc.niceness(p.pid())).isEqualTo(7);
            assertThat(Proc.niceness(ProcessHandle.current().pid())).isNotNull().isNotEqualTo(7);
        } finally {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        assertThat(Proc.niceness(Long.MAX_VALUE)).isNull();
    }
}
