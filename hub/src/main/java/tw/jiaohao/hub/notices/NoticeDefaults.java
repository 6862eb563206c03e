package tw.jiaohao.hub.notices;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One office's notices' defaults, set by head office on the office's settings page and prefilled
 * by the notice form for a notice to that office alone: the supply area a water-outage notice
 * names, and how many days before the outage start the notice starts showing. Hub-side only (not
 * in the settings pushed to the office node). Pure rules, checked here:
 * <ul>
 * <li>{@code area}: empty (no area to prefill) or at most {@value #MAX_AREA} characters on one
 *     line, and nothing shaped like personal data — a Taiwanese ID number ({@code A123456789}),
 *     seven or more digits in a row (a telephone or account number; spaces and hyphens between
 *     the digits do not break the row) or an e-mail address — since it is shown on every kiosk
 *     and board. Full-width letters and digits are read as their ASCII forms for these checks.</li>
 * <li>{@code leadDays}: {@value #MIN_LEAD_DAYS} to {@value #MAX_LEAD_DAYS}.</li>
 * </ul>
 * A value that breaks a rule throws {@link Refused} naming the field and the rule by a code the
 * dashboard says in the reader's language; the message never repeats the value (it may be
 * personal data). The area is kept stripped of leading and trailing blanks.
 *
 * @param office   the office id (not blank)
 * @param area     the supply area; empty for none
 * @param leadDays days before the outage start the notice starts showing
 */
public record NoticeDefaults(String office, String area, int leadDays) {
    public static final int MAX_AREA = 60;
    public static final int MIN_LEAD_DAYS = 0;
    public static final int MAX_LEAD_DAYS = 30;

    private static final Pattern TW_ID = Pattern.compile("[A-Z][12][0-9]{8}", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9](?:[ \\-]?[0-9]){6,}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    /** Why a value was refused: {@code field} ("area" or "leadDays"), {@code code} (the rule), {@code args} for its text. */
    public static final class Refused extends IllegalArgumentException {
        private final String field;
        private final String code;
        private final List<Object> args;

        Refused(String field, String code, String message, Object... args) {
            super(field + ": " + message);
            this.field = field;
            this.code = code;
            this.args = List.of(args);
        }

        public String field() {
            return field;
        }

        /** {@code area.tooLong}, {@code area.lines}, {@code area.personalId}, {@code area.digits}, {@code area.email}, {@code leadDays.range}, {@code leadDays.number}. */
        public String code() {
            return code;
        }

        public List<Object> args() {
            return args;
        }
    }

    public NoticeDefaults {
        if (office == null || office.isBlank()) {
            throw new IllegalArgumentException("office: an office id is needed");
        }
        area = area == null ? "" : area.strip();
        checkArea(area);
        if (leadDays < MIN_LEAD_DAYS || leadDays > MAX_LEAD_DAYS) {
            throw new Refused("leadDays", "leadDays.range", "must be " + MIN_LEAD_DAYS + " to " + MAX_LEAD_DAYS + " days",
                    MIN_LEAD_DAYS, MAX_LEAD_DAYS);
        }
    }

    /** Lead days as typed in a form: a whole number, else {@link Refused} ({@code leadDays.number}). */
    public static int leadDays(String typed) {
        String s = typed == null ? "" : Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Refused("leadDays", "leadDays.number", "must be a whole number of days, "
                    + MIN_LEAD_DAYS + " to " + MAX_LEAD_DAYS, MIN_LEAD_DAYS, MAX_LEAD_DAYS);
        }
    }

    private static void checkArea(String area) {
        if (area.codePointCount(0, area.length()) > MAX_AREA) {
            throw new Refused("area", "area.tooLong", "at most " + MAX_AREA + " characters", MAX_AREA);
        }
        if (area.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029)) {
            throw new Refused("area", "area.lines", "one line of text, without line breaks or control characters");
        }
        String plain = Normalizer.normalize(area, Normalizer.Form.NFKC);
        if (TW_ID.matcher(plain).find()) {
            throw new Refused("area", "area.personalId", "looks like a national ID number (personal data); name the area only");
        }
        if (DIGIT_RUN.matcher(plain).find()) {
            throw new Refused("area", "area.digits", "has seven or more digits in a row (a telephone or account number?); name the area only");
        }
        if (EMAIL.matcher(plain).find()) {
            throw new Refused("area", "area.email", "looks like an e-mail address (personal data); name the area only");
        }
    }

    /** Whether there is an area to prefill. */
    public boolean hasArea() {
        return !area.isEmpty();
    }

    /** When a notice for an outage starting at {@code outageStart} starts showing: that many days before. */
    public Instant displayStart(Instant outageStart) {
        return Objects.requireNonNull(outageStart, "outageStart").minus(Duration.ofDays(leadDays));
    }
}
