package tw.jiaohao.messaging;

/** A publish or request the session could not carry out; the message says why, without payload. */
public class MessagingException extends RuntimeException {
    public MessagingException(String message) {
        super(message);
    }

    public MessagingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The session is not connected now: nothing was sent. */
    public static final class NotConnected extends MessagingException {
        public NotConnected(String message) {
            super(message);
        }
    }

    /** A reply arrived but the codec refused it. */
    public static final class RejectedReply extends MessagingException {
        public RejectedReply(String message) {
            super(message);
        }
    }
}
