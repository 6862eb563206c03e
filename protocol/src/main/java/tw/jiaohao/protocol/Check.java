package tw.jiaohao.protocol;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Field validation shared by every record of the protocol. Each method returns its argument
 * so it can be used inline in compact constructors, and throws
 * {@link InvalidMessageException} naming the field. Messages never echo free text back
 * (it may hold personal data); identifiers, which never do, are echoed to help fixing.
 */
public final class Check {
    /** Office and device identifiers: lower-case letters, digits and dashes, as used in topics. */
    public static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** An MQTT client id as every program's configuration accepts it ({@code mqtt.client-id}). */
    public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Longest free-text field accepted anywhere (notices have the longest texts). */
    public static final int MAX_TEXT = 2000;
    /** Largest counter number; counters are numbered 1..MAX_COUNTER. */
    public static final int MAX_COUNTER = 99;

    private Check() {
    }

    public static int version(int v) {
        if (v != ProtocolVersion.CURRENT) {
            throw new InvalidMessageException("v", v == 0
                    ? "missing; every payload carries \"v\": " + ProtocolVersion.CURRENT
                    : "unsupported protocol version " + v + "; this build speaks v" + ProtocolVersion.CURRENT);
        }
        return v;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidMessageException(field, "missing");
        }
        return value;
    }

    public static String identifier(String field, String value) {
        return matching(field, value, IDENTIFIER, "must be 1-32 of a-z, 0-9 and '-', starting with a letter or digit");
    }

    /**
     * The MQTT client id of the program that sent a request ({@link #CLIENT_ID}): an office node's
     * default, {@code jiaohao-office-} and its office id, is longer than an {@link #identifier}.
     */
    public static String clientId(String field, String value) {
        return matching(field, value, CLIENT_ID, "must be an MQTT client id, 1-64 of a-z, A-Z, 0-9, '.', '_' and '-'");
    }

    private static String matching(String field, String value, Pattern shape, String rule) {
        required(field, value);
        if (!shape.matcher(value).matches()) {
            throw new InvalidMessageException(field, rule + ", got '" + abbreviate(value) + "'");
        }
        return value;
    }

    public static int counter(String field, int counter) {
        if (counter < 1 || counter > MAX_COUNTER) {
            throw new InvalidMessageException(field, "must be a counter number 1.." + MAX_COUNTER + ", got " + counter);
        }
        return counter;
    }

    public static Integer optionalCounter(String field, Integer counter) {
        return counter == null ? null : counter(field, counter);
    }

    public static long positive(String field, long value) {
        if (value < 1) {
            throw new InvalidMessageException(field, "must be ≥ 1, got " + value);
        }
        return value;
    }

    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new InvalidMessageException(field, "must be ≥ 0, got " + value);
        }
        return value;
    }

    public static Integer optionalNonNegative(String field, Integer value) {
        return value == null ? null : nonNegative(field, value);
    }

    /** Free text: required, not blank, at most {@code max} characters. */
    public static String text(String field, String value, int max) {
        required(field, value);
        if (value.isBlank()) {
            throw new InvalidMessageException(field, "must not be blank");
        }
        return optionalText(field, value, max);
    }

    /** Free text that may be absent; when present at most {@code max} characters. */
    public static String optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidMessageException(field, "too long: " + value.length() + " characters, at most " + max);
        }
        return value;
    }

    public static <T> List<T> list(String field, List<T> values, int max) {
        required(field, values);
        if (values.size() > max) {
            throw new InvalidMessageException(field, "too many entries: " + values.size() + ", at most " + max);
        }
        for (int i = 0; i < values.size(); i++) {
            required(field + "[" + i + "]", values.get(i));
        }
        return List.copyOf(values);
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…(" + value.length() + " chars)";
    }
}
