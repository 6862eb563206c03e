package tw.jiaohao.protocol;

/**
 * A message (or one of its fields) breaks the protocol's rules. {@link #field()} names the
 * offending field as a JSON path such as {@code counters[2].counter}; the message says what a
 * valid value looks like. Thrown from record constructors; the codec turns it into a
 * {@link tw.jiaohao.protocol.codec.Decoded.Rejected} so it never escapes a consumer.
 */
public class InvalidMessageException extends ProtocolException {
    private final String field;

    public InvalidMessageException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The JSON path of the offending field. */
    public String field() {
        return field;
    }

    /** The problem without the field prefix. */
    public String problem() {
        return getMessage().substring(field.length() + 2);
    }
}
