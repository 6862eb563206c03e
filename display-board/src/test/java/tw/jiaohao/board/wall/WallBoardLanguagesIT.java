package tw.jiaohao.board.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import tw.jiaohao.board.DisplayConfig;
import tw.jiaohao.board.testing.Configs;
import tw.jiaohao.board.testing.FrameCount;
import tw.jiaohao.board.testing.RealOffice;
import tw.jiaohao.board.testing.TestBroker;
import tw.jiaohao.board.testing.Ui;
import tw.jiaohao.board.voice.AnnouncementPlan;
import tw.jiaohao.board.voice.Announcer;
import tw.jiaohao.board.voice.ClipLibrary;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.counter.CommandAction;
import tw.jiaohao.protocol.settings.OfficeSettings;
import tw.jiaohao.protocol.settings.SettingsAck;

/**
 * Head office's languages reach the wall board: published retained on {@code hub/settings/{office}}
 * through a real broker, applied by a real office node, carried by its state snapshots to a board
 * in a real (headless) JavaFX scene with a real announcer joining the bundled clips.
 */
class WallBoardLanguagesIT {
    private static final String OFFICE = "wall-languages";

    @Test
    void theBoardShowsAndSpeaksTheLanguagesHeadOfficeSets_andKeepsThemWhenAVersionItCannotShowIsRefused() throws Exception {
        FxToolkit.registerPrimaryStage();
        FrameCount output = new FrameCount();
        BlockingQueue<Long> played = output.played();
        ClipLibrary clips = new ClipLibrary();
        AnnouncementPlan.Options mandarin = new AnnouncementPlan.Options(false, false, false);
        AnnouncementPlan.Options withEnglish = new AnnouncementPlan.Options(false, false, true);
        try (RealOffice office = new RealOffice(TestBroker.shared().url(), OFFICE, Clock.systemUTC())) {
            // the board's own file says Chinese only
            WallBoard board = new WallBoard(Configs.of(DisplayConfig.Role.WALL_BOARD, TestBroker.shared().url(), OFFICE, null),
                    Clock.systemUTC(), new Announcer(clips, output, mandarin));
            Ui.showFullHd(board.view().root());
            board.start();
            Parent root = board.view().root();
            try {
                Ui.await("the board shows the office", () -> Ui.text(root, "office-name").equals(RealOffice.NAME));
                assertThat(Ui.text(root, "recent-title")).isEqualTo("最近叫號");

                office.publishSettings(settings(1, List.of("zh-TW", "en"), "zh-TW"));
                assertThat(office.settingsAcks().poll(10, TimeUnit.SECONDS)).extracting(SettingsAck::outcome).isEqualTo(SettingsAck.Outcome.APPLIED);
                Ui.await("English beside the Chinese", () -> Ui.text(root, "recent-title").equals("最近叫號  Recent calls"));
                office.issue("A", 2);
                office.execute(2, CommandAction.CALL_NEXT);
                Ui.await("the call in both languages", () -> Ui.text(root, "newest-counter").equals("2 號櫃台  Counter 2"));
                assertThat(Ui.text(root, "category-A")).contains("Bills / general");
                assertThat(played.poll(10, TimeUnit.SECONDS)).as("spoken in Mandarin, then English")
                        .isEqualTo(FrameCount.of(clips, withEnglish, "A001", 2)).isNotEqualTo(FrameCount.of(clips, mandarin, "A001", 2));

                office.publishSettings(settings(2, List.of("en"), "en"));
                SettingsAck refused = office.settingsAcks().poll(10, TimeUnit.SECONDS);
                assertThat(refused.outcome()).isEqualTo(SettingsAck.Outcome.REFUSED);
                assertThat(refused.version()).isEqualTo(2);
                assertThat(refused.code()).isEqualTo("BOARD_CANNOT_SHOW");
                assertThat(refused.args()).containsExactly("en");
                office.execute(2, CommandAction.CALL_NEXT);
                Ui.await("the next call", () -> Ui.text(root, "newest-number").equals("A002"));
                assertThat(Ui.text(root, "newest-counter")).as("version 1's languages stay").isEqualTo("2 號櫃台  Counter 2");
                assertThat(played.poll(10, TimeUnit.SECONDS)).isEqualTo(FrameCount.of(clips, withEnglish, "A002", 2));

                office.publishSettings(settings(3, List.of("zh-TW"), "zh-TW"));
                assertThat(office.settingsAcks().poll(10, TimeUnit.SECONDS)).extracting(SettingsAck::outcome).isEqualTo(SettingsAck.Outcome.APPLIED);
                Ui.await("Chinese only", () -> Ui.text(root, "recent-title").equals("最近叫號"));
                assertThat(Ui.text(root, "newest-counter")).isEqualTo("2 號櫃台");
                assertThat(Ui.text(root, "category-A")).doesNotContain("Bills");
                office.execute(2, CommandAction.RECALL);
                assertThat(played.poll(10, TimeUnit.SECONDS)).as("Mandarin only").isEqualTo(FrameCount.of(clips, mandarin, "A002", 2));
            } finally {
                board.close();
            }
        }
    }

    /** The office file's own categories and counters (RealOffice), with the languages given. */
    private static OfficeSettings settings(long version, List<String> offered, String defaultLanguage) {
        return new OfficeSettings(ProtocolVersion.CURRENT, OFFICE, version, Instant.now(), "admin",
                List.of(new OfficeSettings.Category("A", "水費/一般", "Bills / general", false, 4, null, null),
                        new OfficeSettings.Category("B", "過戶/停用/復用", "Transfer / suspend / resume", false, 8, null, null)),
                List.of(new OfficeSettings.Counter(1, "1號櫃台", List.of("A", "B")), new OfficeSettings.Counter(2, "2號櫃台", List.of("A", "B")),
                        new OfficeSettings.Counter(3, "3號櫃台", List.of("A", "B"))),
                OfficeSettings.Hours.always(), 30, new OfficeSettings.Languages(offered, defaultLanguage));
    }

}
