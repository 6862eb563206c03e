package tw.jiaohao.protocol.settings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;

/**
 * Hub → office node on {@code hub/settings/{office}} (QoS 1, retained): head office's settings for
 * one office, edited on the dashboard — the ticket categories with their names in both languages,
 * the counters and their profiles, the office hours and the last-ticket rules. The whole set is
 * sent every time (never a difference), numbered by {@code version}, which grows by one per
 * publication for the office.
 *
 * <p>Contract for the office node: it applies a version newer than the one it holds, only
 * between calls (never while a counter whose settings change is calling or serving someone),
 * keeps it across restarts, and answers every version it receives with a {@link SettingsAck} on
 * {@code office/{office}/settings/ack}: {@code APPLIED}, {@code PENDING} (waiting for a counter to
 * finish its call) or {@code REFUSED} with the reason, in which case it keeps the version it had.
 * A version not newer than the one applied is answered {@code APPLIED} for the one applied
 * (the retained message arrives again after every reconnect). While the broker is unreachable
 * the node keeps what it has; the retained message brings the newest version when it reconnects.
 *
 * <p>Validated here (so the dashboard and the node refuse the same things): category codes one
 * letter A–Z, listed once, names 1–40 (Chinese) and 1–60 (English) characters, service minutes in
 * (0, 240]; counters 1–99 listed once, names 1–40 characters, profiles naming listed categories;
 * hours as {@code HH:mm-HH:mm} with the first earlier; lunch counters among the counters; no
 * date both closed and extra.
 *
 * <p>{@code languages} (null from hubs that predate it: the node keeps its own file's) is
 * checked here for its form only — known codes, listed once; that the default is one of the
 * offered languages is a rule the node checks and refuses with a code ({@code LANGUAGE_NOT_OFFERED},
 * {@link SettingsAck}), as does the dashboard's form; so is an offering the wall boards cannot show
 * ({@link Languages#boardsCanShow()}, {@code BOARD_CANNOT_SHOW}).
 *
 * @param categories        in the order the kiosk shows them
 * @param starvationMinutes no ticket waits longer than this while its counter calls more preferred categories
 * @param languages         the languages the kiosk and the boards offer and the one they start in; null = the node's own
 */
public record OfficeSettings(int v, String office, long version, Instant publishedAt, String publishedBy,
                             List<Category> categories, List<Counter> counters, Hours hours, int starvationMinutes,
                             Languages languages)
        implements OfficeScoped {
    private static final Pattern SPAN = Pattern.compile("\\d{2}:\\d{2}-\\d{2}:\\d{2}");

    /** Settings without a language choice (the node keeps its own file's). */
    public OfficeSettings(int v, String office, long version, Instant publishedAt, String publishedBy,
                          List<Category> categories, List<Counter> counters, Hours hours, int starvationMinutes) {
        this(v, office, version, publishedAt, publishedBy, categories, counters, hours, starvationMinutes, null);
    }

    public OfficeSettings {
        Check.version(v);
        Check.identifier("office", office);
        Check.positive("version", version);
        Check.required("publishedAt", publishedAt);
        Check.identifier("publishedBy", publishedBy);
        categories = Check.list("categories", categories, 26);
        counters = Check.list("counters", counters, Check.MAX_COUNTER);
        Check.required("hours", hours);
        if (categories.isEmpty()) {
            throw new InvalidMessageException("categories", "must list at least one category");
        }
        if (counters.isEmpty()) {
            throw new InvalidMessageException("counters", "must list at least one counter");
        }
        Set<String> codes = new HashSet<>();
        for (Category c : categories) {
            if (!codes.add(c.code())) {
                throw new InvalidMessageException("categories", "category " + c.code() + " is listed twice");
            }
        }
        Set<Integer> numbers = new HashSet<>();
        for (Counter c : counters) {
            if (!numbers.add(c.number())) {
                throw new InvalidMessageException("counters", "counter " + c.number() + " is listed twice");
            }
            for (String s : c.serves()) {
                if (!codes.contains(s)) {
                    throw new InvalidMessageException("counter." + c.number() + ".serves",
                            "category " + s + " is not one of the categories (" + String.join(",", codes.stream().sorted().toList()) + ")");
                }
            }
        }
        for (Integer n : hours.lunchCounters()) {
            if (!numbers.contains(n)) {
                throw new InvalidMessageException("hours.lunchCounters", "counter " + n + " is not one of the counters");
            }
        }
        if (starvationMinutes < 1 || starvationMinutes > 24 * 60) {
            throw new InvalidMessageException("starvationMinutes", "must be 1..1440 minutes, got " + starvationMinutes);
        }
    }

    /**
     * One ticket category.
     *
     * @param lastTicketMinutes    stop issuing this many minutes before closing (null = the office's rule)
     * @param lastTicketByCapacity stop issuing when the estimate runs past closing plus the grace (null = the office's rule)
     */
    public record Category(String code, String nameZh, String nameEn, boolean priority, double serviceMinutes,
                           Integer lastTicketMinutes, Boolean lastTicketByCapacity) {
        public Category {
            if (code == null || !code.matches("[A-Z]")) {
                throw new InvalidMessageException("category.code", "must be one letter A-Z, got '" + (code == null ? "" : abbreviate(code)) + "'");
            }
            Check.text("category." + code + ".nameZh", nameZh, 40);
            Check.text("category." + code + ".nameEn", nameEn, 60);
            if (!(serviceMinutes > 0 && serviceMinutes <= 240)) {
                throw new InvalidMessageException("category." + code + ".serviceMinutes", "must be minutes in (0, 240], got " + serviceMinutes);
            }
            if (lastTicketMinutes != null && (lastTicketMinutes < 0 || lastTicketMinutes > 600)) {
                throw new InvalidMessageException("category." + code + ".lastTicketMinutes", "must be 0..600 minutes, got " + lastTicketMinutes);
            }
        }
    }

    /** One counter: its number, its name on the boards and its profile (categories served, most preferred first). */
    public record Counter(int number, String name, List<String> serves) {
        public Counter {
            Check.counter("counter.number", number);
            Check.text("counter." + number + ".name", name, 40);
            serves = Check.list("counter." + number + ".serves", serves, 26);
            if (serves.isEmpty()) {
                throw new InvalidMessageException("counter." + number + ".serves", "must list at least one category");
            }
            if (new HashSet<>(serves).size() != serves.size()) {
                throw new InvalidMessageException("counter." + number + ".serves", "lists a category twice");
            }
        }
    }

    /**
     * Office hours, all in office-local time. A weekday span is {@code HH:mm-HH:mm} or empty
     * (closed that day); all seven empty = open around the clock.
     *
     * @param week                 spans Monday..Sunday, seven entries
     * @param lunch                the lunch break span, or empty for none
     * @param lunchCounters        counters that rest during lunch
     * @param closedDates          holidays
     * @param extraDates           extra working dates (make-up Saturdays)
     * @param extraHours           the span of an extra working date
     * @param lastTicketMinutes    the office's rule: stop issuing this many minutes before closing
     * @param lastTicketByCapacity the office's rule: stop issuing when the estimate runs past closing plus the grace
     * @param graceMinutes         that grace
     */
    public record Hours(List<String> week, String lunch, List<Integer> lunchCounters, List<LocalDate> closedDates,
                        List<LocalDate> extraDates, String extraHours, int lastTicketMinutes, boolean lastTicketByCapacity,
                        int graceMinutes) {
        public Hours {
            week = Check.list("hours.week", week, 7);
            if (week.size() != 7) {
                throw new InvalidMessageException("hours.week", "must hold seven spans, Monday to Sunday (empty = closed)");
            }
            String[] days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
            for (int i = 0; i < 7; i++) {
                optionalSpan("hours." + days[i], week.get(i));
            }
            lunch = lunch == null ? "" : lunch;
            optionalSpan("hours.lunch", lunch);
            lunchCounters = Check.list("hours.lunchCounters", lunchCounters, Check.MAX_COUNTER);
            closedDates = Check.list("hours.closedDates", closedDates, 400);
            extraDates = Check.list("hours.extraDates", extraDates, 400);
            for (LocalDate d : extraDates) {
                if (closedDates.contains(d)) {
                    throw new InvalidMessageException("hours.extraDates", d + " is also a closed date");
                }
            }
            if (extraHours == null || extraHours.isEmpty()) {
                throw new InvalidMessageException("hours.extraHours", "must be HH:mm-HH:mm, e.g. 08:30-17:00");
            }
            optionalSpan("hours.extraHours", extraHours);
            if (lastTicketMinutes < 0 || lastTicketMinutes > 600) {
                throw new InvalidMessageException("hours.lastTicketMinutes", "must be 0..600 minutes, got " + lastTicketMinutes);
            }
            if (graceMinutes < 0 || graceMinutes > 240) {
                throw new InvalidMessageException("hours.graceMinutes", "must be 0..240 minutes, got " + graceMinutes);
            }
        }

        /** Open around the clock, no lunch, no last-ticket rule. */
        public static Hours always() {
            return new Hours(List.of("", "", "", "", "", "", ""), "", List.of(), List.of(), List.of(), "08:30-17:00", 0, false, 15);
        }

        private static void optionalSpan(String field, String span) {
            if (span == null) {
                throw new InvalidMessageException(field, "missing (empty = none)");
            }
            if (span.isEmpty()) {
                return;
            }
            if (!SPAN.matcher(span).matches()) {
                throw new InvalidMessageException(field, "must be HH:mm-HH:mm, e.g. 08:30-17:00, got '" + abbreviate(span) + "'");
            }
            try {
                LocalTime from = LocalTime.parse(span.substring(0, 5));
                LocalTime to = LocalTime.parse(span.substring(6));
                if (!from.isBefore(to)) {
                    throw new InvalidMessageException(field, "must start before it ends, got '" + span + "'");
                }
            } catch (DateTimeParseException e) {
                throw new InvalidMessageException(field, "is not a time of day, got '" + span + "'");
            }
        }
    }

    /**
     * The languages an office offers: {@code zh-TW} (Traditional Chinese) and/or {@code en}, in the
     * order the language buttons show them, and the one the kiosk and the boards start in and go
     * back to after every idle reset. With one language offered the kiosk shows no language buttons.
     *
     * @param offered         one or both of {@link #CODES}, each once
     * @param defaultLanguage one of {@link #CODES}; the node refuses a default not in {@code offered}
     */
    public record Languages(List<String> offered, String defaultLanguage) {
        /** The language codes the appliance has texts, voice clips and board layouts for. */
        public static final List<String> CODES = List.of("zh-TW", "en");

        public Languages {
            offered = Check.list("languages.offered", offered, CODES.size());
            if (offered.isEmpty()) {
                throw new InvalidMessageException("languages.offered", "must offer at least one language (" + String.join(", ", CODES) + ")");
            }
            if (new HashSet<>(offered).size() != offered.size()) {
                throw new InvalidMessageException("languages.offered", "lists a language twice");
            }
            for (String l : offered) {
                if (!CODES.contains(l)) {
                    throw new InvalidMessageException("languages.offered", "must be among " + String.join(", ", CODES) + ", got '" + abbreviate(String.valueOf(l)) + "'");
                }
            }
            if (!CODES.contains(defaultLanguage)) {
                throw new InvalidMessageException("languages.default", "must be one of " + String.join(", ", CODES) + ", got '"
                        + (defaultLanguage == null ? "" : abbreviate(defaultLanguage)) + "'");
            }
        }

        /**
         * Whether the wall boards can show this offering: they show Chinese always, with English
         * beside it when {@code en} is offered, so an offering without {@code zh-TW} is one they
         * cannot show (the node refuses it, {@code BOARD_CANNOT_SHOW}).
         */
        public boolean boardsCanShow() {
            return offered.contains("zh-TW");
        }

        /** Whether English is offered: the wall boards then show it beside the Chinese and speak it after. */
        public boolean englishOffered() {
            return offered.contains("en");
        }

        /** Whether the default is one of the offered languages (the node refuses settings where it is not). */
        public boolean defaultOffered() {
            return offered.contains(defaultLanguage);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
