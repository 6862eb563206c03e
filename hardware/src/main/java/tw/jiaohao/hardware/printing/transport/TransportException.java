package tw.jiaohao.hardware.printing.transport;

import tw.jiaohao.hardware.HardwareException;

/** A failure on the wire to the printer. Expected in operation: log it without a stack trace. */
public final class TransportException extends HardwareException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** No matching device is connected. */
        NOT_FOUND,
        /** The device is there but cannot be opened or claimed. */
        NOT_ACCESSIBLE,
        /** The device went away during a transfer. */
        DISCONNECTED,
        /** The device did not take or answer within the timeout. */
        TIMEOUT
    }

    private final Kind kind;
    private final int bytesWritten;

    public TransportException(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    public TransportException(Kind kind, String message, int bytesWritten, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.bytesWritten = bytesWritten;
    }

    /** @return the kind of failure */
    public Kind kind() {
        return kind;
    }

    /** @return how many bytes of the failed write the device took before it failed (0 if unknown) */
    public int bytesWritten() {
        return bytesWritten;
    }
}
