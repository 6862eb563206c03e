package tw.jiaohao.office.ticketing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A ticket just issued, committed durably before it was returned: what the kiosk prints.
 *
 * @param ticketId        {@code 2026-11-22/A023}
 * @param number          {@code A023}, unique in its office day and never reused
 * @param peopleAhead     waiting tickets of the same category issued earlier
 * @param estimateMinutes the first waiting estimate (see docs/office-node/ESTIMATE.md)
 * @param seq             the seq of its TICKET_ISSUED event
 */
public record IssuedTicket(String ticketId, String number, String category, String categoryNameZh,
                           String categoryNameEn, LocalDate officeDay, Instant issuedAt,
                           int peopleAhead, int estimateMinutes, long seq) {
}
