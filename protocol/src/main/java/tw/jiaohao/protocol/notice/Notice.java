package tw.jiaohao.protocol.notice;

import java.time.Instant;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;

/**
 * One notice. {@code kind} tells displays how to style it; for {@link NoticeKind#WATER_OUTAGE}
 * {@code area}, {@code reason} and {@code expectedRestoration} describe the outage. Texts in
 * Traditional Chinese, with optional English versions.
 */
public record Notice(String id, NoticeKind kind, String titleZh, String titleEn, String bodyZh, String bodyEn,
                     String area, String reason, Instant startsAt, Instant endsAt, Instant expectedRestoration) {
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
    }

    /** True while the notice should be shown. */
    public boolean isActiveAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }
}
