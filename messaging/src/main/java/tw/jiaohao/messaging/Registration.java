package tw.jiaohao.messaging;

/** A subscription or listener that can be removed; closing twice does nothing. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
