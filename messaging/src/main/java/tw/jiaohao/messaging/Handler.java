package tw.jiaohao.messaging;

/**
 * Receives the messages of one subscription. Called on the session's one delivery thread in
 * arrival order: return quickly (hand long work to a thread of your own, with
 * {@link Inbound#deferAck()} when the acknowledgement must wait for it). A handler that throws
 * is a bug: the session logs it with its stack trace, counts it and carries on.
 */
@FunctionalInterface
public interface Handler<T> {
    void handle(Inbound<T> message);
}
