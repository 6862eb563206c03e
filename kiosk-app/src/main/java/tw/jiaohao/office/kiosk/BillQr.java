package tw.jiaohao.office.kiosk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tw.jiaohao.protocol.selfservice.AccountNumber;

/**
 * What the bill scanner types into the account field. The scanner is a USB keyboard-wedge
 * reader: it "types" the QR code's text into the focused field and ends with Enter, so the
 * kiosk needs no driver. A bill's QR code carries the account number either alone (as printed,
 * dashes allowed) or as a parameter in a longer text such as a payment URL
 * ({@code …?account=33004567890&…}, also {@code acct=} or {@code 水號=} / {@code 水號:}).
 * Anything else is left as typed, and the look-up says what is wrong with it.
 */
final class BillQr {
    private static final Pattern PARAMETER = Pattern.compile("(?:account|acct|水號)\\s*[=:：]\\s*([0-9A-Za-z][0-9A-Za-z\\- ]{4,30})",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private BillQr() {
    }

    /** The account number in {@code typed}, normalized when one was found, else {@code typed} stripped. */
    static String accountNumber(String typed) {
        if (typed == null) {
            return "";
        }
        String s = typed.strip();
        Matcher m = PARAMETER.matcher(s);
        if (m.find()) {
            return AccountNumber.normalize(m.group(1));
        }
        return AccountNumber.problem(s).isEmpty() ? AccountNumber.normalize(s) : s;
    }
}
