package tw.jiaohao.protocol.selfservice;

import java.util.Locale;
import java.util.Optional;
import tw.jiaohao.protocol.InvalidMessageException;

/**
 * A water account number (水號) as printed on the bill: digits and capital letters, often
 * grouped with dashes or spaces ({@code 3-3004-5678-9}). The normal form drops the grouping and
 * upper-cases letters; it is 6 to 20 characters of {@code 0-9 A-Z}. The billing extract, the
 * look-up and the request all carry the normal form.
 */
public final class AccountNumber {
    private AccountNumber() {
    }

    /** Removes spaces and dashes and upper-cases; does not validate. */
    public static String normalize(String input) {
        return input == null ? "" : input.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
    }

    /** A message that says what to fix, or empty when the (normalized) number is well-formed. */
    public static Optional<String> problem(String input) {
        String s = normalize(input);
        if (s.isEmpty()) {
            return Optional.of("請輸入水號 / Please enter the account number");
        }
        if (!s.matches("[0-9A-Z]{6,20}")) {
            return Optional.of("水號應為 6 至 20 個數字或英文字母，請對照帳單 / "
                    + "The account number is 6 to 20 digits or letters; please copy it from the bill");
        }
        return Optional.empty();
    }

    /** Validates a field holding a normalized account number. */
    public static String check(String field, String value) {
        if (value == null) {
            throw new InvalidMessageException(field, "missing");
        }
        if (!value.matches("[0-9A-Z]{6,20}")) {
            throw new InvalidMessageException(field, "must be 6-20 of 0-9 and A-Z (normalized, no dashes)");
        }
        return value;
    }
}
