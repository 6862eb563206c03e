package tw.jiaohao.protocol.event;

import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;

/** Service categories are named by one upper-case letter (A, B, …), the ticket number's prefix. */
public final class CategoryCode {
    private CategoryCode() {
    }

    public static String check(String field, String code) {
        Check.required(field, code);
        if (code.length() != 1 || code.charAt(0) < 'A' || code.charAt(0) > 'Z') {
            throw new InvalidMessageException(field, "must be one letter A-Z, got '" + (code.length() > 10 ? code.substring(0, 10) + "…" : code) + "'");
        }
        return code;
    }

    public static String checkOptional(String field, String code) {
        return code == null ? null : check(field, code);
    }
}
