package tw.jiaohao.messaging;

/**
 * The acknowledgement of one delivered message, handed to an {@link AckingHandler}. Until
 * {@link #ack()} is called the broker counts the message as in flight to this session: it is
 * delivered again after a reconnect of a persistent session, and it takes one of the session's
 * {@link MqttSettings#receiveMaximum()} slots, so a consumer that acknowledges late slows the
 * broker down instead of running out of memory.
 *
 * <p>{@link #ack()} may be called from any thread, once or more (the later calls do nothing).
 * An acknowledgement of a message that came on a connection since lost sends nothing: the broker
 * delivers that message again on the new connection (with its own acknowledgement), and an old
 * packet id must not acknowledge a different message that now carries it.
 */
@FunctionalInterface
public interface Acknowledgement {
    void ack();
}
