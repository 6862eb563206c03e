package tw.jiaohao.office.kiosk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A ticket the queue engine has issued and committed, as the kiosk shows and prints it.
 *
 * @param ticketId        {@code 2026-11-22/A023}
 * @param number          {@code A023}
 * @param category        the category letter
 * @param officeDay       the office day the number belongs to
 * @param issuedAt        when it was issued (UTC instant)
 * @param peopleAhead     tickets of the same category waiting before it
 * @param estimateMinutes the waiting estimate the engine gave it (the median)
 * @param estimateLowMinutes  the range's low end, null when no open counter serves the category
 * @param estimateHighMinutes the range's high end, null with the low end
 */
public record KioskTicket(String ticketId, String number, String category, LocalDate officeDay, Instant issuedAt,
                          int peopleAhead, int estimateMinutes, Integer estimateLowMinutes, Integer estimateHighMinutes) {

    /** A ticket with a single figure and an open counter (tests). */
    public KioskTicket(String ticketId, String number, String category, LocalDate officeDay, Instant issuedAt,
                       int peopleAhead, int estimateMinutes) {
        this(ticketId, number, category, officeDay, issuedAt, peopleAhead, estimateMinutes, estimateMinutes, estimateMinutes);
    }

    /** Whether an open counter served the category at issue (else no wait was promised). */
    public boolean servedNow() {
        return estimateLowMinutes != null;
    }

    public KioskTicket {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(officeDay, "officeDay");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (peopleAhead < 0 || estimateMinutes < 0) {
            throw new IllegalArgumentException("peopleAhead and estimateMinutes must be ≥ 0");
        }
    }
}
