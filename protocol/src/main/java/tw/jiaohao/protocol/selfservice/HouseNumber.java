package tw.jiaohao.protocol.selfservice;

import java.util.Optional;

/**
 * The house number (門牌號碼) of a Taiwanese address: what stands before 號, with 之 for a
 * sub-number — {@code 臺北市中山區民生東路一段23巷5之1號3樓} has house number {@code 5-1}.
 *
 * <p>It is the address check of a self-service request: screens show an account's service
 * address only masked (road kept, numbers hidden, see
 * {@link tw.jiaohao.protocol.personal.AddressMask}), and the customer proves the address is
 * theirs by typing its house number, which the hub compares with the billing address. The full
 * address never leaves the hub. Full-width digits are accepted; the normal form is ASCII digits
 * with {@code -} for 之.
 */
public final class HouseNumber {
    private HouseNumber() {
    }

    /** Normalizes what a customer typed ({@code ５之１}, {@code 5-1號}, {@code 5 之 1}) to {@code 5-1}; empty when it is not a house number. */
    public static Optional<String> normalize(String input) {
        if (input == null) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (char c : input.strip().toCharArray()) {
            if (c >= '０' && c <= '９') {
                sb.append((char) ('0' + (c - '０')));
            } else if (c == '之' || c == '－' || c == '-') {
                sb.append('-');
            } else if (c != ' ' && c != '　' && c != '號') {
                sb.append(c);
            }
        }
        String s = sb.toString();
        return s.matches("[1-9][0-9]{0,4}(-[1-9][0-9]{0,2})?") ? Optional.of(s) : Optional.empty();
    }

    /** The house number of a full address, or empty when the address has none (some rural addresses). */
    public static Optional<String> of(String address) {
        if (address == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("([0-9０-９]+(?:[之\\-－][0-9０-９]+)?)號").matcher(address);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last == null ? Optional.empty() : normalize(last);
    }

    /** A message that says what to type, for the kiosk. */
    public static String hint() {
        return "請輸入門牌號碼，例如 5 或 5之1 / Enter the house number, e.g. 5 or 5-1";
    }
}
