package tw.jiaohao.messaging;

/**
 * A handler that acknowledges each message itself ({@link MqttSession#subscribeAcked}), e.g. only
 * once what it holds is committed. Called like a {@link Handler}: on the session's delivery
 * thread, one message at a time in arrival order, returning quickly (the work and the
 * {@link Acknowledgement#ack()} happen later, on a thread of the feature's own). If it throws
 * (a bug: logged with its stack trace, counted) the message is acknowledged, so one bug cannot
 * hold a slot of the receive maximum for the life of the connection.
 */
@FunctionalInterface
public interface AckingHandler<T> {
    void handle(Inbound<T> message, Acknowledgement ack) throws Exception;
}
