package tw.jiaohao.messaging;

/** A publish or request while the session is not connected: nothing was sent. */
public final class NotConnectedException extends RuntimeException {
    public NotConnectedException(String message) {
        super(message);
    }
}
