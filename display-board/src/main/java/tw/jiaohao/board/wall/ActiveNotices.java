package tw.jiaohao.board.wall;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.jiaohao.protocol.notice.Notice;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.notice.NoticeKind;

/**
 * The notices a board knows, one retained list per scope (its office, and all offices), and
 * the ticker text of those active now by the board's own clock. Not thread-safe (JavaFX thread).
 */
public final class ActiveNotices {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M/d HH:mm");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    private final Map<String, NoticeBoard> byScope = new LinkedHashMap<>();
    private final ZoneId zone;
    private boolean english;

    public ActiveNotices(ZoneId zone, boolean english) {
        this.zone = zone;
        this.english = english;
    }

    /** Shows the notices in Chinese only, or with English beside it, from the next {@link #tickerText}. */
    public void english(boolean english) {
        this.english = english;
    }

    /** Replaces the list of the board's scope. */
    public void replace(NoticeBoard board) {
        byScope.put(board.scope(), board);
    }

    /** The ticker text of the notices active at {@code now}, joined; empty when none. */
    public String tickerText(Instant now) {
        List<String> parts = new ArrayList<>();
        for (NoticeBoard board : byScope.values()) {
            for (Notice n : board.notices()) {
                if (n.isActiveAt(now)) {
                    parts.add(describe(n));
                }
            }
        }
        return String.join("　　◆　　", parts);
    }

    private String describe(Notice n) {
        StringBuilder sb = new StringBuilder();
        sb.append(n.kind() == NoticeKind.WATER_OUTAGE ? "【停水】" : "【公告】").append(n.titleZh());
        if (n.area() != null) {
            sb.append("　地區：").append(n.area());
        }
        // the outage period, never the display window (a notice is shown from days before the outage)
        if (n.hasOutagePeriod()) {
            sb.append("　停水時間：").append(period(n.outageStartsAt(), n.outageEndsAt()));
        }
        if (n.reason() != null) {
            sb.append("　原因：").append(n.reason());
        }
        if (n.expectedRestoration() != null) {
            sb.append("　預計恢復：").append(WHEN.format(n.expectedRestoration().atZone(zone)));
        }
        if (n.bodyZh() != null) {
            sb.append("　").append(n.bodyZh());
        }
        if (english && n.titleEn() != null) {
            sb.append("　/　").append(n.titleEn());
            if (n.hasOutagePeriod()) {
                sb.append(", water off ").append(period(n.outageStartsAt(), n.outageEndsAt()));
            }
            if (n.expectedRestoration() != null) {
                sb.append(", expected back ").append(WHEN.format(n.expectedRestoration().atZone(zone)));
            }
            if (n.bodyEn() != null) {
                sb.append(": ").append(n.bodyEn());
            }
        }
        return sb.toString();
    }

    /** 「3/3 09:00–17:00」 within a day, 「3/3 09:00–3/4 17:00」 across days (the office's time). */
    private String period(Instant from, Instant until) {
        var a = from.atZone(zone);
        var b = until.atZone(zone);
        return WHEN.format(a) + "–" + (a.toLocalDate().equals(b.toLocalDate()) ? HOUR.format(b) : WHEN.format(b));
    }
}
