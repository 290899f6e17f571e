package dev.journeyboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store settings: Redis tuning as JB_ settings (env and flag), and a node id that survives a restart. */
class ServerConfigTest {

    @Test
    void redisSettingsComeFromTheEnvironmentAndFlagsWin() {
        var c = ServerConfig.from(Map.of("JB_REDIS_LEASE_TTL", "4s", "JB_REDIS_COMMAND_TIMEOUT", "750ms", "JB_NODE_ID", "node-7"),
                new String[] {"--redis-lease-ttl", "6s", "--redis-lease-renew", "1s"});
        assertThat(c.redisLeaseTtl()).isEqualTo(Duration.ofSeconds(6));
        assertThat(c.leaseRenewal()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.redisCommandTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(c.nodeId()).isEqualTo("node-7");
    }

    @Test
    void defaultsAreTenSecondLeasesRenewedEveryThirdAndThreeSecondCommands() {
        var c = ServerConfig.from(Map.of(), new String[0]);
        assertThat(c.redisLeaseTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.leaseRenewal()).isEqualTo(Duration.ofSeconds(10).dividedBy(3));
        assertThat(c.redisCommandTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theDefaultNodeIdIsTheSameAfterARestartAndDiffersPerDataFolder() {
        String a1 = ServerConfig.from(Map.of("JB_DATA_DIR", "/var/lib/jb-a"), new String[0]).nodeId();
        String a2 = ServerConfig.from(Map.of(), new String[] {"--data-dir", "/var/lib/jb-a"}).nodeId();
        String b = ServerConfig.from(Map.of("JB_DATA_DIR", "/var/lib/jb-b"), new String[0]).nodeId();
        assertThat(a1).isEqualTo(a2).isNotEqualTo(b).doesNotContain(String.valueOf(ProcessHandle.current().pid()));
        assertThat(a1).matches("[^/]+/[0-9a-f]{12}");
    }

    @Test
    void badValuesNameTheirFlag() {
        assertThatThrownBy(() -> ServerConfig.from(Map.of(), new String[] {"--redis-lease-ttl", "0s"}))
                .hasMessageContaining("--redis-lease-ttl");
        assertThatThrownBy(() -> ServerConfig.from(Map.of(), new String[] {"--redis-lease-ttl", "2s", "--redis-lease-renew", "2s"}))
                .hasMessageContaining("--redis-lease-renew").hasMessageContaining("below --redis-lease-ttl");
        assertThatThrownBy(() -> ServerConfig.from(Map.of(), new String[] {"--node-id", "has space"})).hasMessageContaining("--node-id");
        assertThatThrownBy(() -> ServerConfig.from(Map.of(), new String[] {"--redis-command-timeout", "soon"}))
                .hasMessageContaining("--redis-command-timeout");
    }

    @Test
    void helpListsEveryNewSetting() {
        assertThat(ServerConfig.usage()).contains("--node-id", "JB_NODE_ID", "--redis-lease-ttl", "JB_REDIS_LEASE_TTL",
                "--redis-lease-renew", "JB_REDIS_LEASE_RENEW", "--redis-command-timeout", "JB_REDIS_COMMAND_TIMEOUT");
    }
}
