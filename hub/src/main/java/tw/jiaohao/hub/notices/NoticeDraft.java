package tw.jiaohao.hub.notices;

import java.time.Instant;
import java.util.List;
import tw.jiaohao.protocol.notice.NoticeKind;

/**
 * What head-office staff type into the notice form (or POST to {@code /api/notices}). Checked
 * by {@link NoticeService#create}; a planned water outage needs its area, reason and outage
 * period ({@code outageStartsAt}..{@code outageEndsAt}, when the water is off), which is apart
 * from the display window {@code startsAt}..{@code endsAt}. {@code offices} empty means every office.
 */
public record NoticeDraft(NoticeKind kind, String titleZh, String titleEn, String bodyZh, String bodyEn,
                          String area, String reason, Instant startsAt, Instant endsAt,
                          Instant expectedRestoration, List<String> offices, Instant outageStartsAt, Instant outageEndsAt) {
    public NoticeDraft {
        offices = offices == null ? List.of() : List.copyOf(offices);
    }

    /** A draft without an outage period (a service change or general notice). */
    public NoticeDraft(NoticeKind kind, String titleZh, String titleEn, String bodyZh, String bodyEn, String area, String reason,
                       Instant startsAt, Instant endsAt, Instant expectedRestoration, List<String> offices) {
        this(kind, titleZh, titleEn, bodyZh, bodyEn, area, reason, startsAt, endsAt, expectedRestoration, offices, null, null);
    }
}
