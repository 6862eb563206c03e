package tw.jiaohao.protocol.personal;

import java.util.Optional;

/**
 * Taiwanese contact phone numbers: mobiles {@code 09xxxxxxxx} and landlines with an area
 * code ({@code 02-2345-6789}, {@code 07-123-4567}, {@code 049-123-4567}). Spaces, dashes,
 * parentheses and a leading {@code +886} are accepted and removed. Never log a phone number;
 * show it with {@link #mask(String)}.
 */
public final class PhoneNumber {
    private PhoneNumber() {
    }

    /** Digits only, {@code +886} turned into the leading 0; does not validate. */
    public static String normalize(String input) {
        if (input == null) {
            return "";
        }
        String s = input.replaceAll("[\\s()\\-]", "");
        if (s.startsWith("+886")) {
            s = "0" + s.substring(4);
        }
        return s;
    }

    /** A message that says what to fix, or empty when the number is valid. */
    public static Optional<String> problem(String input) {
        String s = normalize(input);
        if (s.isEmpty()) {
            return Optional.of("請輸入聯絡電話 / Please enter a contact phone number");
        }
        if (s.matches("09[0-9]{8}") || s.matches("0[2-8][0-9]{7,8}")) {
            return Optional.empty();
        }
        return Optional.of("電話應為手機 09xxxxxxxx 或含區碼的市話，例如 02-23456789 / "
                + "Use a mobile number 09xxxxxxxx or a landline with its area code, e.g. 02-23456789");
    }

    public static boolean isValid(String input) {
        return problem(input).isEmpty();
    }

    /** {@code 0912345678} → {@code 0912***678}. */
    public static String mask(String input) {
        String s = normalize(input);
        if (s.length() < 8) {
            return "*".repeat(Math.max(s.length(), 4));
        }
        return s.substring(0, 4) + "*".repeat(s.length() - 7) + s.substring(s.length() - 3);
    }
}
