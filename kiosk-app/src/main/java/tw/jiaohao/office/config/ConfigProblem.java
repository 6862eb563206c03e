package tw.jiaohao.office.config;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * What can be wrong with a key of the office configuration that head office may set, as a code
 * with parameters, so that a refusal of head office's settings ({@code BAD_SETTING} [key, code,
 * parameters…], docs/PROTOCOL.md) can be translated by the dashboard, and the node's log and the
 * configuration file's errors say the same in English. At most three parameters (a settings
 * answer carries at most five arguments: the key, the code and these).
 */
public enum ConfigProblem {
    /** [the longest length, an example]. */
    TEXT_LENGTH("must be 1-{0} characters, e.g. {1}"),
    /** [the least, the most, the value given]. */
    NUMBER_RANGE("must be a number from {0} to {1}; got ''{2}''"),
    /** [the value given]. */
    NOT_TRUE_OR_FALSE("must be true or false; got ''{0}''"),
    /** []. */
    EMPTY_LIST("must be a comma-separated list, e.g. A,B,C"),
    /** [the value given]. */
    NOT_DATES("must be dates YYYY-MM-DD separated by commas, e.g. 2026-01-01,2026-02-16; got ''{0}''"),
    /** [the value given]. */
    NOT_SPAN("must be HH:mm-HH:mm with the first earlier, e.g. 08:30-17:00, or empty; got ''{0}''"),
    /** [the category]. */
    CATEGORY_NOT_LISTED("category {0} is not listed in ''categories''"),
    /** [the counter]. */
    COUNTER_NOT_LISTED("counter {0} is not listed in ''counters''"),
    /** [the category]. */
    CATEGORY_TWICE("category {0} is listed twice"),
    /** [the counter]. */
    COUNTER_TWICE("counter {0} is listed twice"),
    /** [the categories served]. */
    SERVES_TWICE("lists a category twice: {0}"),
    /** [the value given]. */
    NOT_CATEGORY_CODE("each category is one upper-case letter A-Z, e.g. A,B,C,P; got ''{0}''"),
    /** [the value given]. */
    NOT_COUNTER_NUMBER("each counter is a number 1..99, e.g. 1,2,3; got ''{0}''"),
    /** [the date]. */
    EXTRA_DATE_CLOSED("{0} is also in hours.closed-dates"),
    /** []. */
    NOT_FLEET_KEY("is not a setting head office sets");

    private final String english;

    ConfigProblem(String english) {
        this.english = english;
    }

    /** The problem in English with its parameters, as the configuration file's error says it. */
    public String english(Object... args) {
        return new MessageFormat(english, Locale.ROOT).format(args);
    }
}
