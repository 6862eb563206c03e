package tw.jiaohao.protocol.codec;

/**
 * The result of decoding a payload: the message, or a rejection that says what is wrong and
 * where. Consumers switch on it; decoding never throws.
 */
public sealed interface Decoded<T> {

    /** A valid message. */
    record Accepted<T>(T message) implements Decoded<T> {
    }

    /**
     * A refused payload. {@code where} is the JSON path of the problem ("$" for the whole
     * payload); {@code reason} says what a valid payload needs. Neither repeats free text
     * from the payload, so a rejection may be logged as is.
     */
    record Rejected<T>(String where, String reason) implements Decoded<T> {
        @Override
        public String toString() {
            return "rejected at " + where + ": " + reason;
        }
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }
}
