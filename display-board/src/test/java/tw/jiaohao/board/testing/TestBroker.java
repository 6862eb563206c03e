package tw.jiaohao.board.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real MQTT 5 broker for integration tests: HiveMQ CE embedded on a free loopback port,
 * started once per test JVM (it takes a few seconds) and stopped at exit.
 */
public final class TestBroker {
    private static TestBroker shared;
    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private TestBroker() throws Exception {
        port = freePort();
        Path home = Files.createTempDirectory("board-hivemq-");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners><tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(home.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().get(60, TimeUnit.SECONDS);
    }

    public static synchronized TestBroker shared() {
        if (shared == null) {
            try {
                shared = new TestBroker();
            } catch (Exception e) {
                throw new IllegalStateException("embedded HiveMQ did not start", e);
            }
            TestBroker b = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> b.hivemq.stop().join()));
        }
        return shared;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
