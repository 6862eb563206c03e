package tw.jiaohao.hub.estimates;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Port: the tickets of an office that were issued with a waiting estimate and have been called,
 * over the office-days {@code [from, to]}. The SQLite store implements it over its
 * {@code ticket_estimate} and {@code ticket} tables. Thread-safe; reads committed data only; a
 * database failure is a {@link tw.jiaohao.hub.HubException}. Works offline (no broker needed).
 */
public interface QuotedSource {
    void quotedTickets(String office, LocalDate from, LocalDate to, Sink sink);

    /** One called ticket: what {@code TICKET_ISSUED} promised and when it was first called. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param estimateMinutes the median the ticket was issued with
         * @param lowMinutes      the range's lower end, null when the node sent no range (then {@code highMinutes} is null too)
         */
        void accept(String category, Instant issuedAt, Instant firstCalledAt, int estimateMinutes, Integer lowMinutes, Integer highMinutes);
    }
}
