package tw.jiaohao.office.ticketing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A ticket just issued, committed durably before it was returned: what the kiosk prints.
 *
 * @param ticketId        {@code 2026-11-22/A023}
 * @param number          {@code A023}, unique in its office day and never reused
 * @param peopleAhead     waiting tickets of the same category issued earlier
 * @param estimateMinutes the first waiting estimate, the forecast's median (docs/office-node/QUEUE.md)
 * @param seq             the seq of its TICKET_ISSUED event
 * @param estimateLowMinutes  the range's low end (10th percentile); null when no open counter serves
 *                            the category — then no wait is promised
 * @param estimateHighMinutes the range's high end (90th percentile); null with the low end
 */
public record IssuedTicket(String ticketId, String number, String category, String categoryNameZh,
                           String categoryNameEn, LocalDate officeDay, Instant issuedAt,
                           int peopleAhead, int estimateMinutes, long seq, Integer estimateLowMinutes,
                           Integer estimateHighMinutes) {

    /** Whether an open counter served the category at issue (so a wait was promised). */
    public boolean servedNow() {
        return estimateLowMinutes != null;
    }
}
