package tw.jiaohao.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Asks over MQTT 5 request/response: each request carries the requester's response topic and
 * a fresh correlation id; the reply with that id completes the future. Replies with an unknown
 * or late id are dropped (they answer another process or an earlier request); a reply that
 * cannot be decoded completes the future exceptionally with {@link RejectedReplyException} and
 * is counted with the session's refusals.
 *
 * <p>Offline: the future fails at once with {@link NotConnectedException}. No answer within
 * the timeout: it fails with {@link java.util.concurrent.TimeoutException}. Thread-safe.
 */
public interface Requester<R> {
    /** Publishes {@code request} (encoded with the protocol codec, QoS 1, message expiry a little over the timeout, at least 5 s) to {@code topic}. */
    CompletableFuture<R> ask(String topic, Object request, Duration timeout);

    /** The response topic this requester listens on. */
    String responseTopic();

    /** The reply that came for a request could not be decoded. */
    final class RejectedReplyException extends RuntimeException {
        public RejectedReplyException(String message) {
            super(message);
        }
    }
}
