package tw.jiaohao.hub.notices;

import java.time.Instant;
import java.util.List;
import tw.jiaohao.protocol.notice.NoticeKind;

/**
 * What head-office staff type into the notice form (or POST to {@code /api/notices}). Checked
 * by {@link NoticeService#create}; a planned water outage needs its area and reason.
 * {@code offices} empty means every office.
 */
public record NoticeDraft(NoticeKind kind, String titleZh, String titleEn, String bodyZh, String bodyEn,
                          String area, String reason, Instant startsAt, Instant endsAt,
                          Instant expectedRestoration, List<String> offices) {
    public NoticeDraft {
        offices = offices == null ? List.of() : List.copyOf(offices);
    }
}
