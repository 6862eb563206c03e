package tw.jiaohao.hub.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.protocol.codec.JsonCodec;

/**
 * An MQTT 5 broker inside this JVM (HiveMQ CE embedded), for a single-machine hub, the demo
 * and tests. Who may connect and what each login may publish and subscribe to is decided by
 * {@link BrokerLogins} through an embedded extension ({@link AccessExtension}): the same logins
 * and topic rights as the generated Mosquitto files, or anonymous clients from this machine only. Persistent sessions and queued messages live in {@code workDir/data}, so they
 * survive {@link #stop()} and a later {@link #start()}: restarting it is how tests simulate a
 * broker outage.
 *
 * <p>HiveMQ's own logging bootstrap is switched off, so the application's Logback
 * configuration stays in force. Thread-safe; start and stop are synchronous and may be called
 * repeatedly.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** Messages kept for an offline persistent-session client before the broker drops them. */
    public static final int DEFAULT_MAX_QUEUED_MESSAGES = 200_000;
    private static final int START_ATTEMPTS = 3;

    private final Path workDir;
    private final String bindAddress;
    private final int maxQueuedMessages;
    private final BrokerLogins logins;
    private final AccessExtension access;
    private EmbeddedHiveMQ hivemq;
    private int port;

    /** Largest MQTT packet accepted: the protocol's largest payload plus room for topic and properties. */
    public static final int MAX_PACKET_BYTES = JsonCodec.MAX_PAYLOAD_BYTES + 16 * 1024;

    /** A broker on 127.0.0.1 for anonymous loopback clients, keeping its configuration and data under {@code workDir}. */
    public EmbeddedBroker(Path workDir) {
        this(workDir, "127.0.0.1", DEFAULT_MAX_QUEUED_MESSAGES, BrokerLogins.anonymousLoopback());
    }

    /** Like {@link #EmbeddedBroker(Path, String, int, BrokerLogins)} for anonymous loopback clients. */
    public EmbeddedBroker(Path workDir, String bindAddress, int maxQueuedMessages) {
        this(workDir, bindAddress, maxQueuedMessages, BrokerLogins.anonymousLoopback());
    }

    /**
     * @param bindAddress the address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 for
     *                    offices on the network
     * @param maxQueuedMessages per offline client; past it new messages are dropped (the hub
     *                          then asks the offices to replay the gap)
     * @param logins            who may connect and what each login may do; anonymous access
     *                          is refused on a bind address beyond loopback
     */
    public EmbeddedBroker(Path workDir, String bindAddress, int maxQueuedMessages, BrokerLogins logins) {
        if (maxQueuedMessages < 1) {
            throw new HubException("maxQueuedMessages must be ≥ 1, got " + maxQueuedMessages);
        }
        if (logins.anonymous() && !isLoopback(bindAddress)) {
            throw anonymousBeyondLoopback(bindAddress);
        }
        this.workDir = workDir.toAbsolutePath();
        this.bindAddress = bindAddress;
        this.maxQueuedMessages = maxQueuedMessages;
        this.logins = logins;
        this.access = new AccessExtension(logins);
    }

    /** True for a bind address that only this machine can reach: 127.0.0.0/8, ::1 or localhost. */
    public static boolean isLoopback(String bindAddress) {
        String a = bindAddress.strip();
        return a.equals("localhost") || a.equals("::1") || a.equals("[::1]") || a.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** The configuration error for an embedded broker without logins bound beyond loopback. */
    public static HubException anonymousBeyondLoopback(String bindAddress) {
        return new HubException("configuration key broker.embedded.bind has '" + bindAddress + "'; expected a loopback address"
                + " (127.0.0.1, ::1 or localhost) while broker.embedded.logins is empty: without logins the embedded broker"
                + " lets anyone in, so it serves this machine only. Generate logins with bin/jiaohao mosquitto-config and set"
                + " broker.embedded.logins to offer it to the network (docs/security/broker.md)");
    }

    /** The username the hub's own clients log in with, or null when the broker admits anonymous loopback clients. */
    public String hubUsername() {
        return logins.hubUsername();
    }

    /** The password that goes with {@link #hubUsername()} (made at start, kept in memory only), or null. */
    public String hubPassword() {
        return logins.hubPassword();
    }

    /** Connections refused since this object was made (wrong or missing login, anonymous from another machine). */
    public long refusedConnections() {
        return access.refused.get();
    }

    /**
     * Starts the broker on {@code port} (0 picks a free port) and returns once it accepts
     * connections. Does nothing if it is already running on that port.
     */
    public synchronized EmbeddedBroker start(int port) {
        if (port < 0 || port > 65535) {
            throw new HubException("broker port must be 0..65535, got " + port);
        }
        if (hivemq != null) {
            if (port == 0 || port == this.port) {
                return this;
            }
            throw new HubException("embedded broker already runs on port " + this.port + "; stop it first");
        }
        HubException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int chosen = port == 0 ? freePort() : port;
            try {
                startOn(chosen);
                return this;
            } catch (HubException e) {
                last = e;
                if (port != 0) {
                    break; // a fixed port that is taken will stay taken
                }
            }
        }
        throw last;
    }

    /** Starts again on the port it used before (a free one the first time). */
    public synchronized EmbeddedBroker start() {
        return start(port);
    }

    /** {@code tcp://127.0.0.1:<port>} (or the bind address if it is not a wildcard). */
    public synchronized String url() {
        if (port == 0) {
            throw new HubException("embedded broker was never started; call start(port) first");
        }
        String host = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
        return "tcp://" + host + ":" + port;
    }

    /** The port it listens on (or listened on, once stopped); 0 before the first start. */
    public synchronized int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return hivemq != null;
    }

    /** Stops the broker; clients are disconnected, sessions stay on disk. Idempotent. */
    public synchronized void stop() {
        if (hivemq == null) {
            return;
        }
        EmbeddedHiveMQ running = hivemq;
        hivemq = null;
        try {
            running.stop().get(30, TimeUnit.SECONDS);
            running.close();
            log.info("embedded MQTT broker on port {} stopped", port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted while stopping the embedded broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new HubException("embedded broker did not stop cleanly: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void startOn(int chosen) {
        Path config = workDir.resolve("conf");
        Path data = workDir.resolve("data");
        Path extensions = workDir.resolve("extensions");
        try {
            Files.createDirectories(config);
            Files.createDirectories(data);
            Files.createDirectories(extensions);
            Files.writeString(config.resolve("config.xml"), configXml(chosen), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HubException("cannot write the embedded broker's folders under " + workDir
                    + " (" + e.getMessage() + "); choose a writable broker.embedded.dir", e);
        }
        EmbeddedHiveMQ candidate = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(access.embedded())
                .withoutLoggingBootstrap()
                .build();
        try {
            candidate.start().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(candidate);
            throw new HubException("interrupted while starting the embedded broker", e);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(candidate);
            throw new HubException("embedded broker could not start on " + bindAddress + ":" + chosen
                    + " (" + rootMessage(e) + "); is the port taken? set broker.embedded.port", e);
        }
        if (!accepts(chosen)) {
            closeQuietly(candidate);
            throw new HubException("embedded broker started but does not listen on " + bindAddress + ":" + chosen
                    + "; is the port taken? set broker.embedded.port");
        }
        hivemq = candidate;
        port = chosen;
        log.info("embedded MQTT broker listening on {}:{} ({})", bindAddress, chosen,
                logins.anonymous() ? "anonymous clients from this machine only" : "logins and topic rights from broker.embedded.logins");
    }

    private boolean accepts(int chosen) {
        String host = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, chosen), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String configXml(int chosen) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <packets>
                      <max-packet-size>%d</max-packet-size>
                    </packets>
                    <queued-messages>
                      <max-queue-size>%d</max-queue-size>
                      <strategy>discard</strategy>
                    </queued-messages>
                  </mqtt>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(chosen, bindAddress, MAX_PACKET_BYTES, maxQueuedMessages);
    }

    private int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(
                bindAddress.equals("0.0.0.0") ? "0.0.0.0" : bindAddress))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new HubException("cannot find a free port on " + bindAddress + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ candidate) {
        try {
            candidate.close();
        } catch (Exception e) {
            log.debug("closing a failed embedded broker: {}", e.toString());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
