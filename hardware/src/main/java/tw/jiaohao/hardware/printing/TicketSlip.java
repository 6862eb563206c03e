package tw.jiaohao.hardware.printing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What is printed on one queue ticket.
 *
 * @param officeName      the office's display name, e.g. "台北服務所"; 1..60 characters
 * @param ticketNumber    a letter and three digits, e.g. "A023"
 * @param categoryLabel   the service category as the customer saw it, e.g. "水費/一般"; 1..40 characters
 * @param issuedAt        when the ticket was issued (an instant; printed in {@code officeZone})
 * @param officeZone      the office's time zone, e.g. Asia/Taipei
 * @param peopleAhead     how many are waiting before this ticket; 0..9999
 * @param estimateMinutes the waiting-time estimate in minutes; 0..1440
 * @param qrUrl           the ticket's live status page, printed as a QR code; null or blank for none; at most 300 characters
 * @param noticeLine      a short notice printed at the bottom; null or blank for none; at most 120 characters
 * @param estimateLowMinutes  the estimate's range, printed 「約 10–20 分鐘」; null (with the high end) for a
 *                            single figure
 * @param estimateHighMinutes the range's high end; low ≤ estimateMinutes ≤ high
 * @param servedNow       false when no open counter serves the category: the slip says so and
 *                        promises no wait
 */
public record TicketSlip(String officeName, String ticketNumber, String categoryLabel, Instant issuedAt,
                         ZoneId officeZone, int peopleAhead, int estimateMinutes, String qrUrl, String noticeLine,
                         Integer estimateLowMinutes, Integer estimateHighMinutes, boolean servedNow) {

    /** A slip with a single estimate figure. */
    public TicketSlip(String officeName, String ticketNumber, String categoryLabel, Instant issuedAt, ZoneId officeZone,
                      int peopleAhead, int estimateMinutes, String qrUrl, String noticeLine) {
        this(officeName, ticketNumber, categoryLabel, issuedAt, officeZone, peopleAhead, estimateMinutes, qrUrl, noticeLine,
                null, null, true);
    }

    private static final Pattern NUMBER = Pattern.compile("[A-Z][0-9]{3}");

    public TicketSlip {
        officeName = Texts.requireText("officeName", officeName, 60);
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        if (!NUMBER.matcher(ticketNumber).matches()) {
            throw new IllegalArgumentException("ticketNumber must be a capital letter and three digits (like A023), was '"
                    + ticketNumber + "'");
        }
        categoryLabel = Texts.requireText("categoryLabel", categoryLabel, 40);
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(officeZone, "officeZone");
        if (peopleAhead < 0 || peopleAhead > 9999) {
            throw new IllegalArgumentException("peopleAhead must be 0..9999, was " + peopleAhead);
        }
        if (estimateMinutes < 0 || estimateMinutes > 1440) {
            throw new IllegalArgumentException("estimateMinutes must be 0..1440, was " + estimateMinutes);
        }
        if ((estimateLowMinutes == null) != (estimateHighMinutes == null) || estimateLowMinutes != null
                && (estimateLowMinutes < 0 || estimateLowMinutes > estimateMinutes || estimateHighMinutes < estimateMinutes
                || estimateHighMinutes > 1440)) {
            throw new IllegalArgumentException("the estimate's range must be both ends or neither, 0 ≤ low ≤ estimate ≤ high ≤ 1440, was "
                    + estimateLowMinutes + ".." + estimateHighMinutes);
        }
        qrUrl = Texts.optionalUrl("qrUrl", qrUrl);
        noticeLine = Texts.optionalText("noticeLine", noticeLine, 120);
    }

    /** The waiting line: 「前方等候 4 人　約 8–17 分鐘」, or that no counter serves the category now. */
    public String waitLine() {
        String ahead = "前方等候 " + peopleAhead + " 人　";
        if (!servedNow) {
            return ahead + "目前無櫃台辦理";
        }
        if (estimateLowMinutes == null) {
            return ahead + "預估 " + estimateMinutes + " 分鐘";
        }
        return ahead + (estimateHighMinutes == 0 ? "即將為您服務"
                : "約 " + (estimateLowMinutes.equals(estimateHighMinutes) ? "" + estimateHighMinutes : estimateLowMinutes + "–" + estimateHighMinutes) + " 分鐘");
    }

    /** @return true when a QR code is to be printed */
    public boolean hasQr() {
        return qrUrl != null;
    }
}
