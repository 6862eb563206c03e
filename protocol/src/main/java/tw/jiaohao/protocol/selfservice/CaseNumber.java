package tw.jiaohao.protocol.selfservice;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import tw.jiaohao.protocol.InvalidMessageException;

/**
 * The number a customer quotes for a self-service request: the kind's letter, the office day
 * and a per-office, per-day, per-kind sequence — {@code T-20261122-003}. The office node
 * assigns it when it takes the request (so it is printed on the receipt even with the hub
 * unreachable); it is unique within an office, and {@code (office, caseNumber)} is unique at the hub.
 */
public final class CaseNumber {
    private static final Pattern FORMAT = Pattern.compile("[A-Z]-[0-9]{8}-[0-9]{3,4}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private CaseNumber() {
    }

    public static String of(RequestKind kind, LocalDate officeDay, int sequence) {
        if (sequence < 1 || sequence > 9999) {
            throw new IllegalArgumentException("case sequence must be 1..9999, got " + sequence);
        }
        return kind.letter() + "-" + officeDay.format(DAY) + "-" + String.format("%03d", sequence);
    }

    public static String check(String field, String value) {
        if (value == null) {
            throw new InvalidMessageException(field, "missing");
        }
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidMessageException(field, "must look like T-20261122-003");
        }
        return value;
    }
}
