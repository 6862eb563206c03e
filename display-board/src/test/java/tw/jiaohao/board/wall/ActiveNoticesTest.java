package tw.jiaohao.board.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.jiaohao.protocol.notice.Notice;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.notice.NoticeKind;

class ActiveNoticesTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Instant MONDAY_10 = Instant.parse("2026-03-02T02:00:00Z");
    /** Shown from Sunday to Thursday; the water is off on Tuesday 3 March 09:00–17:00. */
    private static final Notice OUTAGE = new Notice("outage-0303", NoticeKind.WATER_OUTAGE, "中正區停水", "Water outage, Zhongzheng",
            null, null, "中正區", "管線汰換", Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-05T00:00:00Z"),
            Instant.parse("2026-03-03T09:00:00Z"), Instant.parse("2026-03-03T01:00:00Z"), Instant.parse("2026-03-03T09:00:00Z"));

    @Test
    void theTicker_namesTheOutagePeriod_notTheDisplayWindow() {
        ActiveNotices notices = new ActiveNotices(TAIPEI, false);
        notices.replace(new NoticeBoard(1, "all", MONDAY_10, List.of(OUTAGE)));
        assertThat(notices.tickerText(MONDAY_10))
                .isEqualTo("【停水】中正區停水　地區：中正區　停水時間：3/3 09:00–17:00　原因：管線汰換　預計恢復：3/3 17:00")
                .doesNotContain("3/1").doesNotContain("3/5");
    }

    @Test
    void inZhEnMode_theEnglishPartNamesThePeriodToo() {
        ActiveNotices notices = new ActiveNotices(TAIPEI, true);
        notices.replace(new NoticeBoard(1, "all", MONDAY_10, List.of(OUTAGE)));
        assertThat(notices.tickerText(MONDAY_10))
                .endsWith("　/　Water outage, Zhongzheng, water off 3/3 09:00–17:00, expected back 3/3 17:00");
    }

    @Test
    void anOutageAcrossMidnight_namesBothDays_andAnOldNoticeWithoutAPeriod_namesNoDates() {
        Notice night = new Notice("night", NoticeKind.WATER_OUTAGE, "夜間停水", null, null, null, "大安區", "搶修",
                MONDAY_10, MONDAY_10.plusSeconds(86400), null,
                Instant.parse("2026-03-02T15:00:00Z"), Instant.parse("2026-03-02T21:00:00Z"));
        Notice old = new Notice("old", NoticeKind.WATER_OUTAGE, "舊停水公告", null, null, null, "信義區", null,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-05T00:00:00Z"), null);
        ActiveNotices notices = new ActiveNotices(TAIPEI, false);
        notices.replace(new NoticeBoard(1, "all", MONDAY_10, List.of(night, old)));
        assertThat(notices.tickerText(MONDAY_10)).isEqualTo(
                "【停水】夜間停水　地區：大安區　停水時間：3/2 23:00–3/3 05:00　原因：搶修　　◆　　【停水】舊停水公告　地區：信義區");
    }
}
