package tw.jiaohao.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The one MQTT 5 connection of a process (one client id at the broker), shared by every
 * feature of the process. Started by {@link Sessions#start}.
 *
 * <p><b>Connection.</b> It connects in the background and never gives up: after a failed
 * attempt or a lost connection it waits a capped exponential backoff with jitter
 * ({@link MqttSettings#reconnect()}) and tries again, broker restarts included. After every
 * connect it subscribes every registered filter again (one SUBSCRIBE; duplicate filters of
 * several handlers merged), publishes the device status online, then runs the
 * {@link #onConnected} listeners on its connector thread. The last will marks the device
 * offline when the process vanishes; {@link #close()} publishes offline itself.
 *
 * <p><b>Offline.</b> Nothing blocks: {@link #publish} fails at once with
 * {@link NotConnectedException} (features keep what must be sent, e.g. an outbox, and send it
 * after the next connect); registrations are kept and take effect on the next connect.
 *
 * <p><b>Flow control.</b> At most {@link MqttSettings#receiveMaximum()} unacknowledged
 * messages come in flight from the broker; a publish that finds the broker's receive maximum
 * used up waits up to 2 s for a free slot, then fails.
 *
 * <p><b>Threading.</b> Every method is thread-safe. Handlers run on the one delivery thread
 * ({@link Handler}); {@code onConnected} listeners on the connector thread. Neither may wait
 * for a publish to complete (the confirmation comes on the delivery thread): hand such work on.
 *
 * <p><b>Bad input.</b> A payload a typed handler cannot decode is refused before the handler
 * sees it: counted per kind ({@link SessionMetrics#refused()}) and logged once per kind and
 * source (the office in the topic) per minute, never with its content.
 */
public interface Session extends AutoCloseable {

    /**
     * Subscribes {@code handler} to {@code filter} (QoS 1), decoding each payload as {@code type}
     * with the protocol codec; refused payloads are reported as {@code kind} (e.g. "counter
     * command") and never reach the handler.
     */
    <T> Registration subscribe(String filter, Class<T> type, String kind, Handler<T> handler);

    /** Subscribes {@code handler} to {@code filter} (QoS 1) with the undecoded payload (the handler decodes or stores it). */
    Registration subscribeRaw(String filter, Handler<byte[]> handler);

    /**
     * Publishes; the future completes when the broker confirms (PUBACK for QoS 1) and fails
     * when the connection goes first. Fails at once with {@link NotConnectedException} when offline.
     */
    CompletableFuture<Void> publish(Outgoing message);

    /** Encodes {@code message} with the protocol codec and publishes it QoS 1. */
    CompletableFuture<Void> publish(String topic, Object message, boolean retained);

    /**
     * Answers {@code request} on its response topic with its correlation data (QoS 1, message
     * expiry {@code expiry}, 0 for none). The caller checks that the response topic is one it
     * may answer on. Returns null when the request named no response topic.
     */
    CompletableFuture<Void> reply(Inbound<?> request, Object answer, Duration expiry);

    /** A requester that listens for replies on {@code responseTopic} (subscribed now and after each reconnect). */
    <R> Requester<R> requester(String responseTopic, Class<R> replyType, String kind);

    /** Runs {@code listener} after every connect, once subscriptions are in place; it must not block for long. */
    Registration onConnected(Runnable listener);

    /** Runs {@code listener} (on no particular thread) each time the connection is lost. */
    Registration onLost(Runnable listener);

    /** The status of the process's own device (the one with the last will), or null when the session speaks for none. */
    StatusHandle status();

    /**
     * Speaks for one more device of this process (a kiosk beside its office node): its status is
     * published online after every connect and offline at close. MQTT gives a connection one
     * last will only, so a crash shows as the process's own device going offline.
     */
    StatusHandle hostDevice(DeviceIdentity device);

    /** Starts connecting in the background (for a session from {@link Sessions#prepare}); returns at once; a second call does nothing. */
    Session start();

    boolean isConnected();

    /** Waits until connected, at most {@code timeout}; true when connected. */
    boolean awaitConnected(Duration timeout) throws InterruptedException;

    SessionMetrics metrics();

    /** The refusal log features use for their own bad-input checks (same rule: once per kind and source). */
    RefusalLog refusals();

    MqttSettings settings();

    /**
     * Publishes the device statuses offline, waits up to 2 s for outstanding acknowledgements,
     * disconnects. Unacknowledged messages of a persistent session stay with the broker.
     */
    @Override
    void close();

    /** Drops the connection at once, as a crash would (no offline status: the last will speaks). For tests. */
    void halt();
}
