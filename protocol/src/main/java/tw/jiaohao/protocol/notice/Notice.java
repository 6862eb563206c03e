package tw.jiaohao.protocol.notice;

import java.time.Duration;
import java.time.Instant;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;

/**
 * One notice. {@code kind} tells displays how to style it; for {@link NoticeKind#WATER_OUTAGE}
 * {@code area}, {@code reason}, the outage period and {@code expectedRestoration} describe the
 * outage. Texts in Traditional Chinese, with optional English versions.
 *
 * <p>Two periods, not to be confused: {@code startsAt}..{@code endsAt} is when displays SHOW the
 * notice (typically from days before the outage until it is over); {@code outageStartsAt}..
 * {@code outageEndsAt} is when the water is off, the dates displays print. The outage period is
 * optional (both or neither) so that notices published before it existed still decode; when it is
 * set it lasts at most {@value #MAX_OUTAGE_DAYS} days, the display window reaches into it, and
 * the expected restoration is not before its start.
 */
public record Notice(String id, NoticeKind kind, String titleZh, String titleEn, String bodyZh, String bodyEn,
                     String area, String reason, Instant startsAt, Instant endsAt, Instant expectedRestoration,
                     Instant outageStartsAt, Instant outageEndsAt) {
    /** The longest outage period a notice may announce. */
    public static final int MAX_OUTAGE_DAYS = 31;

    public Notice {
        Check.identifier("id", id);
        Check.required("kind", kind);
        Check.text("titleZh", titleZh, 100);
        Check.optionalText("titleEn", titleEn, 200);
        Check.optionalText("bodyZh", bodyZh, Check.MAX_TEXT);
        Check.optionalText("bodyEn", bodyEn, Check.MAX_TEXT);
        Check.optionalText("area", area, 200);
        Check.optionalText("reason", reason, 200);
        Check.required("startsAt", startsAt);
        Check.required("endsAt", endsAt);
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidMessageException("endsAt", "must be after startsAt");
        }
        if ((outageStartsAt == null) != (outageEndsAt == null)) {
            throw new InvalidMessageException(outageStartsAt == null ? "outageStartsAt" : "outageEndsAt",
                    "the outage period needs both its start and its end (or neither)");
        }
        if (outageStartsAt != null) {
            if (!outageEndsAt.isAfter(outageStartsAt)) {
                throw new InvalidMessageException("outageEndsAt", "must be after outageStartsAt");
            }
            if (Duration.between(outageStartsAt, outageEndsAt).compareTo(Duration.ofDays(MAX_OUTAGE_DAYS)) > 0) {
                throw new InvalidMessageException("outageEndsAt", "an outage period lasts at most " + MAX_OUTAGE_DAYS + " days");
            }
            if (!endsAt.isAfter(outageStartsAt)) {
                throw new InvalidMessageException("endsAt",
                        "the notice must still be shown when the outage starts (endsAt after outageStartsAt)");
            }
            if (expectedRestoration != null && expectedRestoration.isBefore(outageStartsAt)) {
                throw new InvalidMessageException("expectedRestoration", "cannot be before outageStartsAt");
            }
        }
    }

    /** A notice without an outage period (a service change, a general notice, or one from before outage periods). */
    public Notice(String id, NoticeKind kind, String titleZh, String titleEn, String bodyZh, String bodyEn,
                  String area, String reason, Instant startsAt, Instant endsAt, Instant expectedRestoration) {
        this(id, kind, titleZh, titleEn, bodyZh, bodyEn, area, reason, startsAt, endsAt, expectedRestoration, null, null);
    }

    /** True while the notice should be shown. */
    public boolean isActiveAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /** True when the notice names the outage's own period (not only its display window). */
    public boolean hasOutagePeriod() {
        return outageStartsAt != null;
    }
}
