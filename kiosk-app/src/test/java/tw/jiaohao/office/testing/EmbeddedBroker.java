package tw.jiaohao.office.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import com.hivemq.embedded.EmbeddedHiveMQ;

/**
 * A real MQTT 5 broker (HiveMQ CE embedded) on 127.0.0.1 and a free port, for tests. One made by
 * {@link #start(Path)} keeps its state in files: it can be stopped and started again on the same
 * port with the same data folder, so retained messages and persistent sessions survive, like a
 * broker restart in an office. Starting one takes ≈ 2–3 s, and its RocksDB files reserve ≈ 700 MB
 * (3.6 MB written): free on a disk, but real memory when the folder is on a tmpfs
 * ({@code -Dtest.tmpdir=/dev/shm/...}, docs/BENCHMARKS.md "CI time").
 *
 * <p>One made by {@link #startInMemory(Path)} keeps retained messages and sessions in memory
 * (HiveMQ's {@code <persistence><mode>in-memory</mode>}): the same broker while it runs, starting
 * in ≈ 0.5 s and reserving no files, but {@link #stop()} loses its state; for tests that never
 * restart the broker. Stopping either kind takes ≈ 4 s (HiveMQ's own shutdown), so a class that
 * can share one broker between its tests should.
 *
 * <pre>
 * try (EmbeddedBroker broker = EmbeddedBroker.start(tempDir)) {
 *     String url = broker.url();   // tcp://127.0.0.1:PORT
 *     broker.stop();               // the broker is down: clients lose their connection
 *     broker.start();              // back on the same port
 * }
 * </pre>
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final boolean inMemory;
    private EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(Path dir, int port, boolean inMemory) {
        this.dir = dir;
        this.port = port;
        this.inMemory = inMemory;
    }

    /** Starts a broker whose configuration and data live under {@code dir}; its state survives {@link #stop()}. */
    public static EmbeddedBroker start(Path dir) {
        EmbeddedBroker b = new EmbeddedBroker(dir, freePort(), false);
        b.start();
        return b;
    }

    /**
     * Starts a broker whose configuration lives under {@code dir} and whose retained messages and
     * sessions live in memory only: {@link #stop()} loses them. For tests that never restart it.
     */
    public static EmbeddedBroker startInMemory(Path dir) {
        EmbeddedBroker b = new EmbeddedBroker(dir, freePort(), true);
        b.start();
        return b;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (Re)starts the broker on its port. */
    public synchronized void start() {
        if (hivemq != null) {
            return;
        }
        try {
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                      </listeners>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                      <persistence><mode>%s</mode></persistence>
                    </hivemq>
                    """.formatted(port, inMemory ? "in-memory" : "file"));
            EmbeddedHiveMQ h = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(dir.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                    .withoutLoggingBootstrap()
                    .build();
            h.start().get(60, TimeUnit.SECONDS);
            hivemq = h;
        } catch (Exception e) {
            throw new IllegalStateException("embedded HiveMQ did not start on port " + port + ": " + e, e);
        }
    }

    /** Stops the broker; every client loses its connection. */
    public synchronized void stop() {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().get(60, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            throw new IllegalStateException("embedded HiveMQ did not stop: " + e, e);
        } finally {
            hivemq = null;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
