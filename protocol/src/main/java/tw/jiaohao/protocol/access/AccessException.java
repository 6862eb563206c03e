package tw.jiaohao.protocol.access;

import tw.jiaohao.protocol.ProtocolException;

/** A login, a login file or a password hash breaks the rules; the message says which and how to fix it. */
public class AccessException extends ProtocolException {
    public AccessException(String message) {
        super(message);
    }

    public AccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
