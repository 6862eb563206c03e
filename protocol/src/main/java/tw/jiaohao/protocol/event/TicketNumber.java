package tw.jiaohao.protocol.event;

import tw.jiaohao.protocol.InvalidMessageException;

/**
 * A ticket number as printed and called: the category letter and a three-digit sequence,
 * e.g. {@code A023}. Sequences restart at 1 every office-day and never exceed {@value #MAX_SEQUENCE}.
 */
public record TicketNumber(char category, int sequence) {
    public static final int MAX_SEQUENCE = 999;

    public TicketNumber {
        if (category < 'A' || category > 'Z') {
            throw new InvalidMessageException("ticketNumber", "category must be a letter A-Z, got '" + category + "'");
        }
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new InvalidMessageException("ticketNumber", "sequence must be 1.." + MAX_SEQUENCE + ", got " + sequence);
        }
    }

    /** Parses {@code A023}; throws {@link InvalidMessageException} for anything else. */
    public static TicketNumber parse(String text) {
        if (text == null || text.length() != 4 || !Character.isDigit(text.charAt(1))
                || !Character.isDigit(text.charAt(2)) || !Character.isDigit(text.charAt(3))) {
            throw new InvalidMessageException("ticketNumber", "must be a letter and three digits such as A023");
        }
        return new TicketNumber(text.charAt(0), Integer.parseInt(text.substring(1)));
    }

    /** Checks a ticket number string field and returns it unchanged. */
    public static String check(String field, String text) {
        try {
            parse(text);
            return text;
        } catch (InvalidMessageException e) {
            throw new InvalidMessageException(field, e.problem());
        }
    }

    @Override
    public String toString() {
        // not String.format: a ticket's id is formatted several times on the issuing path
        return new String(new char[] {category, (char) ('0' + sequence / 100), (char) ('0' + sequence / 10 % 10), (char) ('0' + sequence % 10)});
    }
}
