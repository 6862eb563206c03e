package tw.jiaohao.office.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads how many clients a test-started Mosquitto ({@link MosquittoProcess#counting}) has
 * connected, from {@code $SYS/broker/clients/connected}, through a probe client of its own
 * (which the count includes).
 */
public final class ConnectedClients implements AutoCloseable {
    private static final String TOPIC = "$SYS/broker/clients/connected";
    private final TestClient probe;

    public ConnectedClients(String brokerUrl, String probeId) {
        probe = new TestClient(brokerUrl, probeId, false).subscribe(TOPIC);
    }

    /**
     * Waits until the broker's figure, less this probe, is {@code expected}; fails with the last
     * figure seen when it is not within {@code timeout}. Mosquitto publishes the figure when it
     * changes (at most once a second), retained, so the latest message is the count now.
     */
    public void awaitOthers(long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            TestClient.Received r = probe.poll(Duration.ofMillis(200));
            if (r != null && r.topic().equals(TOPIC)) {
                last = Long.parseLong(new String(r.payload(), StandardCharsets.UTF_8).trim()) - 1;
                if (last == expected) {
                    return;
                }
            }
        }
        throw new AssertionError("expected " + expected + " clients besides the probe at the broker, last figure " + last);
    }

    @Override
    public void close() {
        probe.close();
    }
}
