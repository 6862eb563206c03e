package tw.jiaohao.board.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Parent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.testing.Configs;
import tw.jiaohao.board.testing.RealOffice;
import tw.jiaohao.board.testing.TestBroker;
import tw.jiaohao.board.testing.Ui;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.notice.Notice;
import tw.jiaohao.protocol.notice.NoticeBoard;
import tw.jiaohao.protocol.notice.NoticeKind;

/** The wall board in a real (headless) JavaFX scene, fed through a real broker. */
class WallBoardIT {
    private static final AtomicInteger OFFICES = new AtomicInteger();
    private RealOffice office;
    private WallBoard board;
    private Parent root;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void start() throws Exception {
        String id = "wall-" + OFFICES.incrementAndGet();
        office = new RealOffice(TestBroker.shared().url(), id, Clock.systemUTC());
        board = open(Configs.of(DisplayConfig.Role.WALL_BOARD, TestBroker.shared().url(), id, null));
        root = board.view().root();
    }

    private static WallBoard open(DisplayConfig config) throws Exception {
        WallBoard b = new WallBoard(config, Clock.systemUTC(), null);
        Ui.showFullHd(b.view().root());
        b.start();
        return b;
    }

    @AfterEach
    void stop() throws Exception {
        board.close();
        office.close();
    }

    @Test
    void aCallAppearsLargeWithItsCounterAndAHighlight() {
        office.issue("A", 3);
        office.execute(2, CommandAction.CALL_NEXT);
        Ui.await("A001 is shown", () -> Ui.text(root, "newest-number").equals("A001"));
        assertThat(Ui.text(root, "newest-counter")).isEqualTo("2 號櫃台");
        Ui.await("the newest call is highlighted", () -> Ui.hasStyleClass(root, "newest", "highlight"));
        assertThat(Ui.text(root, "office-name")).isEqualTo(RealOffice.NAME);
    }

    @Test
    void theHighlightStaysOnlyUntilTheTicketIsServed_andComesBackWithTheNextCall() {
        office.issue("A", 2);
        office.execute(2, CommandAction.CALL_NEXT);
        Ui.await("the call of A001 is highlighted", () -> Ui.hasStyleClass(root, "newest", "highlight"));
        office.execute(2, CommandAction.FINISH);
        Ui.await("the highlight is dropped once A001 is served",
                () -> !Ui.hasStyleClass(root, "newest", "highlight") && !Ui.onFx(board.view()::highlighting));
        assertThat(Ui.text(root, "newest-number")).as("the call is still shown, not highlighted").isEqualTo("A001");
        office.execute(2, CommandAction.CALL_NEXT);
        Ui.await("the next call at that counter is highlighted", () -> Ui.text(root, "newest-number").equals("A002")
                && Ui.onFx(board.view()::highlighting));
    }

    @Test
    void aBoardWhoseOfficeIdMatchesNoOfficeNode_saysSoAndWhatToCheck() throws Exception {
        board.close();
        board = open(Configs.of(DisplayConfig.Role.WALL_BOARD, TestBroker.shared().url(), "wall-no-such-office", null,
                "board.unknown-office-seconds", "2"));
        root = board.view().root();
        Ui.await("the unknown-office message is shown", () -> Ui.visible(root, "unknown-office"));
        assertThat(Ui.text(root, "unknown-office")).contains("wall-no-such-office").contains("office.id");
        assertThat(Ui.visible(root, "newest-number")).as("no blank 「請 來賓 —」").isFalse();
        assertThat(Ui.visible(root, "newest-title")).isFalse();
    }

    @Test
    void theLastSixCallsRollAsNewCallsArrive() {
        office.issue("A", 9);
        for (int i = 1; i <= 8; i++) {
            office.execute(1, CommandAction.CALL_NEXT);
            office.execute(1, CommandAction.NO_SHOW);
        }
        Ui.await("A008 is the newest", () -> Ui.text(root, "newest-number").equals("A008"));
        List<String> rows = List.of("recent-0", "recent-1", "recent-2", "recent-3", "recent-4", "recent-5").stream()
                .map(id -> Ui.text(root, id)).toList();
        assertThat(rows).containsExactly("A007  →  1 號櫃台", "A006  →  1 號櫃台", "A005  →  1 號櫃台",
                "A004  →  1 號櫃台", "A003  →  1 號櫃台", "A002  →  1 號櫃台");

        office.execute(3, CommandAction.CALL_NEXT);
        Ui.await("the list rolls by one", () -> Ui.text(root, "recent-0").equals("A008  →  1 號櫃台"));
        assertThat(Ui.text(root, "recent-5")).isEqualTo("A003  →  1 號櫃台");
    }

    @Test
    void aRecallIsShownAgainAndMarked() {
        office.issue("A", 2);
        office.execute(1, CommandAction.CALL_NEXT);
        office.execute(1, CommandAction.RECALL);
        Ui.await("the recall is newest and the first call moved down",
                () -> Ui.text(root, "recent-0").equals("A001  →  1 號櫃台") && Ui.text(root, "newest-number").equals("A001"));
    }

    @Test
    void waitingCountsAndEstimatesFollowTheQueue() {
        office.issue("A", 5);
        office.issue("B", 2);
        Ui.await("5 waiting for A", () -> Ui.text(root, "waiting-A").equals("等候 5 人"));
        assertThat(Ui.text(root, "estimate-A")).matches("約 \\d+(–\\d+)? 分鐘");
        assertThat(Ui.text(root, "waiting-B")).isEqualTo("等候 2 人");
        office.execute(1, CommandAction.CALL_NEXT);
        Ui.await("4 waiting for A after a call", () -> Ui.text(root, "waiting-A").equals("等候 4 人"));
    }

    @Test
    void aMalformedOrOlderSnapshotIsIgnoredAndCountedAndTheScreenKeepsItsState() throws Exception {
        office.issue("A", 2);
        office.execute(1, CommandAction.CALL_NEXT);
        Ui.await("A001 is shown", () -> Ui.text(root, "newest-number").equals("A001"));
        long seqShown = office.seq();

        office.publishRawState("{\"v\":1,\"office\":\"truncated");
        Ui.await("the malformed snapshot is counted", () -> board.link().metrics().snapshotsMalformed() == 1);
        office.publishRawState("{\"v\":1,\"office\":\"" + "x" + "\"}");
        Ui.await("the second malformed snapshot is counted", () -> board.link().metrics().snapshotsMalformed() == 2);
        assertThat(Ui.text(root, "newest-number")).isEqualTo("A001");
        assertThat(Ui.text(root, "waiting-A")).isEqualTo("等候 1 人");
        assertThat(board.link().metrics().snapshotsShown()).isLessThanOrEqualTo(seqShown);
    }

    @Test
    void activeNoticesRunAsATickerAndExpiredOnesDoNot() throws Exception {
        Instant now = Instant.now();
        Notice outage = new Notice("outage-1", NoticeKind.WATER_OUTAGE, "大安區計畫停水", "Planned water outage", null, null,
                "大安區", "管線汰換", now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(5)), now.plus(Duration.ofHours(5)));
        Notice old = new Notice("old-1", NoticeKind.GENERAL, "舊公告", null, null, null, null, null,
                now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), null);
        office.publishNotices(new NoticeBoard(1, "all", now, List.of(outage, old)));
        Ui.await("the outage runs in the ticker", () -> Ui.text(root, "ticker-text").contains("大安區計畫停水"));
        assertThat(Ui.visible(root, "ticker")).isTrue();
        assertThat(Ui.text(root, "ticker-text")).contains("【停水】").contains("管線汰換").doesNotContain("舊公告");
        office.publishNotices(new NoticeBoard(1, "all", now, List.of()));
        Ui.await("the withdrawn notice disappears", () -> !Ui.visible(root, "ticker"));
    }

    @Test
    void aBoardThatCannotReachTheBrokerSaysSinceWhen() throws Exception {
        board.close();
        int nobody = TestBroker.freePort();
        board = open(Configs.of(DisplayConfig.Role.WALL_BOARD, "tcp://127.0.0.1:" + nobody, "wall-nobody", null));
        root = board.view().root();
        Ui.await("the offline mark is shown", () -> Ui.visible(root, "offline-mark"));
        assertThat(Ui.text(root, "offline-mark")).matches("離線 自 \\d\\d:\\d\\d");
    }
}
