package tw.jiaohao.messaging;

/** A handler or listener registered on a session; {@link #close()} removes it (idempotent). */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
