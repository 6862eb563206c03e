package tw.jiaohao.protocol.notice;

import java.time.Instant;
import java.util.List;
import tw.jiaohao.protocol.Check;

/**
 * Hub → kiosks and boards on {@code hub/notice/{office|all}} (QoS 1, retained): a notice such
 * as a planned water outage (停水). The retained message on a scope's topic holds the notices
 * in force for that scope (possibly none); publishing a new list replaces the old, and an
 * empty list withdraws them. Displays show a notice only between {@code startsAt} and
 * {@code endsAt} by their own clock, so a notice disappears on time even while the hub is
 * unreachable.
 */
public record NoticeBoard(int v, String scope, Instant publishedAt, List<Notice> notices) {
    public NoticeBoard {
        Check.version(v);
        Check.identifier("scope", scope);
        Check.required("publishedAt", publishedAt);
        notices = Check.list("notices", notices, 20);
    }
}
