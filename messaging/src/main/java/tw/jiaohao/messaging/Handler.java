package tw.jiaohao.messaging;

/**
 * A feature's handler of one kind of message. Called on the session's delivery thread, one
 * message at a time in arrival order across all handlers: it must return quickly (hand long
 * work to an executor of its own) and must not wait for a publish to complete — acknowledgements
 * are processed on the same thread. An exception it throws is a bug: logged with its stack
 * trace and counted ({@link SessionMetrics#handlerFailures()}); the session goes on.
 */
@FunctionalInterface
public interface Handler<T> {
    void handle(Inbound<T> message) throws Exception;
}
