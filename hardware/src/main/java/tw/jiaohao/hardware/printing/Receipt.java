package tw.jiaohao.hardware.printing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A receipt for a self-service request taken at the kiosk (過戶, 停用, …).
 *
 * @param officeName  the office's display name; 1..60 characters
 * @param caseNumber  the case number the customer quotes later; 1..40 characters
 * @param requestKind what was requested, e.g. "過戶 transfer of ownership"; 1..40 characters
 * @param lines       the body, one entry per printed paragraph (wrapped to the paper); 0..30 entries, each 1..200
 *                    characters. The caller masks personal data before it gets here.
 * @param qrUrl       optional case status page; null or blank for none
 * @param issuedAt    when the request was taken
 * @param officeZone  the office's time zone
 */
public record Receipt(String officeName, String caseNumber, String requestKind, List<String> lines, String qrUrl,
                      Instant issuedAt, ZoneId officeZone) {

    public Receipt {
        officeName = Texts.requireText("officeName", officeName, 60);
        caseNumber = Texts.requireText("caseNumber", caseNumber, 40);
        requestKind = Texts.requireText("requestKind", requestKind, 40);
        Objects.requireNonNull(lines, "lines");
        if (lines.size() > 30) {
            throw new IllegalArgumentException("a receipt holds at most 30 lines, got " + lines.size());
        }
        lines = lines.stream().map(l -> Texts.requireText("lines[]", l, 200)).toList();
        qrUrl = Texts.optionalUrl("qrUrl", qrUrl);
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(officeZone, "officeZone");
    }

    /** @return true when a QR code is to be printed */
    public boolean hasQr() {
        return qrUrl != null;
    }
}
