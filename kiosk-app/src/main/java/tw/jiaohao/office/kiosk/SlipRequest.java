package tw.jiaohao.office.kiosk;

import java.time.ZoneId;
import java.util.Objects;

/**
 * One ticket to print: the issued ticket plus what the slip shows around it.
 *
 * @param officeName    the office's name as printed
 * @param categoryLabel the category as the customer saw it
 * @param zone          the office's zone (the issue time is printed in it)
 * @param qrUrl         the ticket's live-status page
 * @param noticeLine    a short notice line, or null
 */
public record SlipRequest(KioskTicket ticket, String officeName, String categoryLabel, ZoneId zone, String qrUrl,
                          String noticeLine) {
    public SlipRequest {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(officeName, "officeName");
        Objects.requireNonNull(categoryLabel, "categoryLabel");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(qrUrl, "qrUrl");
    }
}
