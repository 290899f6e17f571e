package dev.journeyboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the server JVM's heap settings from its command line and from jcmd VM.flags. */
class ServerJvmTest {
    @Test
    void theJvmOptionsAreThoseBeforeTheJar() {
        assertThat(ServerJvm.jvmOptions(List.of("/usr/bin/java", "-Xms64m", "-Xmx256m", "-jar", "s.jar", "--port", "1")))
                .containsExactly("-Xms64m", "-Xmx256m");
        assertThat(ServerJvm.jvmOptions(List.of("java", "-cp", "a.jar:b.jar", "-XX:+UseSerialGC", "dev.Main", "-Xmx1g")))
                .containsExactly("-cp", "a.jar:b.jar", "-XX:+UseSerialGC");
    }

    @Test
    void keepsTheHeapAndGcFlagsOfVmFlags() {
        String out = "12345:\n-XX:CICompilerCount=2 -XX:ConcGCThreads=1 -XX:InitialHeapSize=67108864 -XX:MaxHeapSize=268435456 "
                + "-XX:MaxNewSize=160432128 -XX:-UseCompressedClassPointers -XX:+UseG1GC -XX:+UseCompressedOops\n";
        var f = ServerJvm.parseVmFlags(out);
        assertThat(f).containsEntry("InitialHeapSize", "67108864").containsEntry("MaxHeapSize", "268435456")
                .containsEntry("UseG1GC", "true").doesNotContainKeys("CICompilerCount", "UseCompressedOops", "UseCompressedClassPointers");
        assertThat(ServerJvm.summary(f)).isEqualTo("heap 64 MiB initial / 256 MiB max, G1");
    }
}
