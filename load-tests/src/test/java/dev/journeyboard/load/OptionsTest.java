package dev.journeyboard.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeyboard.server.net.NetTransport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scenario presets and the flags that reach a started server. */
class OptionsTest {
    @Test
    void crowdAndIdlePresets() {
        var crowd = Options.parse(new String[] {"--scenario", "crowd"});
        assertThat(crowd.boards).isEqualTo(1);
        assertThat(crowd.participants).isEqualTo(400);
        assertThat(crowd.opsRate).isEqualTo(1);
        var idle = Options.parse(new String[] {"--scenario", "idle", "--duration", "15s"});
        assertThat(idle.boards * idle.participants).isEqualTo(5000);
        assertThat(idle.opsRate).isZero();
        assertThat(idle.cursorRate).isZero();
        assertThat(idle.duration).isEqualTo(Duration.ofSeconds(15));
        assertThat(idle.loadShapeOverrides()).isEmpty();
        assertThat(Options.parse(new String[] {"--scenario", "idle", "--boards", "5"}).loadShapeOverrides()).containsExactly("--boards 5");
    }

    @Test
    void earlyBroadcastWithOrWithoutAValueReachesAStartedServer() {
        var bare = Options.parse(new String[] {"--early-broadcast", "--start-server", "x.jar", "--server-args", "--room-idle 3s"});
        assertThat(bare.earlyBroadcast).isTrue();
        assertThat(bare.serverArgsForStart()).containsExactly("--room-idle", "3s", "--early-broadcast", "true");
        var last = Options.parse(new String[] {"--scenario", "workshop", "--early-broadcast"});
        assertThat(last.earlyBroadcast).isTrue();
        var off = Options.parse(new String[] {"--early-broadcast", "false"});
        assertThat(off.earlyBroadcast).isFalse();
        assertThat(off.serverArgsForStart()).isEmpty();
    }

    @Test
    void earlyBroadcastInTheServerArgsIsKnownAndNotRepeated() {
        var o = Options.parse(new String[] {"--server-args", "--early-broadcast true"});
        assertThat(o.earlyBroadcast).isTrue();
        assertThat(o.serverArgsForStart()).containsExactly("--early-broadcast", "true");
        assertThatThrownBy(() -> Options.parse(new String[] {"--early-broadcast", "false", "--server-args", "--early-broadcast true"}))
                .hasMessageContaining("disagree");
    }

    @Test
    void aStartedServerRunsUnderNiceUnlessToldNotTo() {
        assertThat(Options.parse(new String[] {}).serverCommandPrefix("/jdk/bin/java")).containsExactly("nice", "-n", "5", "/jdk/bin/java");
        assertThat(Options.parse(new String[] {"--server-nice", "0"}).serverCommandPrefix("/jdk/bin/java")).containsExactly("/jdk/bin/java");
        assertThat(Options.parse(new String[] {"--server-nice", "12"}).serverCommandPrefix("java")).containsExactly("nice", "-n", "12", "java");
        assertThatThrownBy(() -> Options.parse(new String[] {"--server-nice", "-3"})).hasMessageContaining("0-19");
        assertThatThrownBy(() -> Options.parse(new String[] {"--server-nice", "20"})).hasMessageContaining("0-19");
        assertThat(Options.parse(new String[] {"--server-nice", "0"}).startOnlyFlagsWithoutStart()).containsExactly("--server-nice");
    }

    @Test
    void theServerGetsASizedHeapByDefault() {
        var o = Options.parse(new String[] {});
        assertThat(o.serverJvmOpts).isEqualTo(Options.DEFAULT_SERVER_JVM_OPTS).contains("-Xms").contains("-Xmx");
        assertThat(Options.USAGE).contains("[" + Options.DEFAULT_SERVER_JVM_OPTS + "]");
    }

    @Test
    void theServerJvmLineIsTheOneJbRunAndTheDockerImageStartWith() throws Exception {
        // three copies of one line (a shell script, a Dockerfile, this generator): they must not drift apart,
        // or the load reports measure a JVM that nobody deploys. Tests run in load-tests/.
        String jb = java.nio.file.Files.readString(java.nio.file.Path.of("../jb"));
        String dockerfile = java.nio.file.Files.readString(java.nio.file.Path.of("../Dockerfile"));
        assertThat(jb).contains("${JAVA_OPTS:-" + Options.DEFAULT_SERVER_JVM_OPTS + "}");
        assertThat(dockerfile).contains("JAVA_OPTS=\"" + Options.DEFAULT_SERVER_JVM_OPTS + "\"");
    }

    @Test
    void serverOnlyFlagsWithoutStartServerAreNamed() {
        var o = Options.parse(new String[] {"--server-jvm-opts", "-Xmx1g", "--server-args", "--ping-interval 2s"});
        assertThat(o.startOnlyFlagsWithoutStart()).containsExactly("--server-jvm-opts", "--server-args");
        assertThat(Options.parse(new String[] {"--start-server", "x.jar", "--server-jvm-opts", "-Xmx1g"}).startOnlyFlagsWithoutStart()).isEmpty();
    }

    @Test
    void theClusterScenarioIsAPresetWithItsOwnFlags() {
        var c = Options.parse(new String[] {"--scenario", "cluster", "--start-server", "x.jar", "--redis-server", "/opt/redis-server", "--boards", "9"});
        assertThat(c.boards).isEqualTo(9);
        assertThat(c.participants).isEqualTo(6);
        assertThat(c.opsRate).isEqualTo(0.5);
        assertThat(c.cursorRate).isEqualTo(1);
        assertThat(c.duration).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.redisServer).isEqualTo("/opt/redis-server");
        // refused before anything starts: a flag the scenario would ignore, no server jar, a board of one
        assertThat(ClusterLoad.run(Options.parse(new String[] {"--scenario", "cluster", "--start-server", "x.jar", "--viewer-share", "0.5"}))).isEqualTo(2);
        assertThat(ClusterLoad.run(Options.parse(new String[] {"--scenario", "cluster"}))).isEqualTo(2);
        assertThat(ClusterLoad.run(Options.parse(new String[] {"--scenario", "cluster", "--start-server", "x.jar", "--participants", "1"}))).isEqualTo(2);
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--deflate", "yes"})).hasMessageContaining("true or false");
        assertThatThrownBy(() -> Options.parse(new String[] {"--compare", "/no/such/result.json"})).hasMessageContaining("no file");
        assertThatThrownBy(() -> Options.parse(new String[] {"--url", "http://example.com:8080"})).hasMessageContaining("loopback");
        assertThatThrownBy(() -> Options.parse(new String[] {"--transport", "kqueue"}))
                .hasMessageContaining("--transport must be auto, epoll or nio, got 'kqueue'");
    }

    @Test
    void theGeneratorsSocketsAreEpollWhereItLoadsUnlessToldOtherwise() {
        assertThat(Options.parse(new String[0]).transport).isEqualTo(NetTransport.AUTO);
        assertThat(Options.parse(new String[] {"--transport", "NIO"}).transport).isEqualTo(NetTransport.NIO);
        assertThat(Options.parse(new String[] {"--transport", "epoll"}).transport).isEqualTo(NetTransport.EPOLL);
    }
}
