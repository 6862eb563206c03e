package tw.jiaohao.protocol.personal;

import java.util.Locale;
import java.util.Optional;

/**
 * Taiwan national identification numbers (國民身分證統一編號) and the new-style resident
 * certificate numbers that share their format: one letter for the place of first
 * registration, then nine digits, the first of which is 1 or 2 (citizens) or 8 or 9
 * (new-style resident certificates), the last a check digit.
 *
 * <p>The checksum is the one counter staff use to catch forged numbers: the letter becomes a
 * two-digit code (A=10 … Z=33, with the historical order I=34, O=35, W=32, X=30, Y=31, Z=33);
 * its two digits weigh 1 and 9, the next eight digits weigh 8, 7, …, 1 and the check digit 1;
 * the weighted sum must be a multiple of 10. A valid checksum proves only that the number is
 * well-formed, never that it belongs to the person at the kiosk.
 *
 * <p>Never log a national ID; use {@link #mask(String)} on screens and in lists.
 */
public final class NationalId {
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO";

    private NationalId() {
    }

    /** Why a number was refused; the message says what to fix without repeating the number. */
    public enum Problem {
        EMPTY("請輸入身分證字號 / Please enter the ID number"),
        FORMAT("格式應為 1 個英文字母加 9 個數字，例如 A123456789 / Must be one letter and nine digits, e.g. A123456789"),
        SECOND_DIGIT("第 2 碼應為 1、2、8 或 9 / The second character must be 1, 2, 8 or 9"),
        CHECKSUM("檢查碼不符，請確認是否輸入錯誤 / The check digit does not match; please check the number");

        private final String message;

        Problem(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** Upper-cases and strips spaces; does not validate. */
    public static String normalize(String input) {
        return input == null ? "" : input.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    /** The problem with a (normalized) number, or empty when it is valid. */
    public static Optional<Problem> problem(String input) {
        String id = normalize(input);
        if (id.isEmpty()) {
            return Optional.of(Problem.EMPTY);
        }
        if (!id.matches("[A-Z][0-9]{9}")) {
            return Optional.of(Problem.FORMAT);
        }
        char second = id.charAt(1);
        if (second != '1' && second != '2' && second != '8' && second != '9') {
            return Optional.of(Problem.SECOND_DIGIT);
        }
        int code = LETTERS.indexOf(id.charAt(0)) + 10;
        int sum = code / 10 + (code % 10) * 9;
        for (int i = 1; i <= 8; i++) {
            sum += (id.charAt(i) - '0') * (9 - i);
        }
        sum += id.charAt(9) - '0';
        return sum % 10 == 0 ? Optional.empty() : Optional.of(Problem.CHECKSUM);
    }

    public static boolean isValid(String input) {
        return problem(input).isEmpty();
    }

    /** {@code A123456789} → {@code A12****789}; anything else is masked entirely. */
    public static String mask(String input) {
        String id = normalize(input);
        if (id.length() != 10) {
            return "*".repeat(Math.max(id.length(), 4));
        }
        return id.substring(0, 3) + "****" + id.substring(7);
    }
}
