package tw.jiaohao.hardware.printing;

import java.util.Objects;

/** Validation helpers shared by the printable records. */
final class Texts {
    private Texts() {
    }

    static String requireText(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        check(field, v, max);
        return v;
    }

    static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        check(field, v, max);
        return v;
    }

    static String optionalUrl(String field, String value) {
        String v = optionalText(field, value, 300);
        if (v != null && !(v.startsWith("https://") || v.startsWith("http://"))) {
            throw new IllegalArgumentException(field + " must be an http(s) URL, was '" + v + "'");
        }
        return v;
    }

    private static void check(String field, String v, int max) {
        if (v.codePointCount(0, v.length()) > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters, was "
                    + v.codePointCount(0, v.length()));
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters (found U+"
                        + String.format("%04X", (int) v.charAt(i)) + " at index " + i + ")");
            }
        }
    }
}
