package tw.jiaohao.board.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Real playback through javafx-media. The build points ALSA at its null device
 * (ALSA_CONFIG_PATH, see the pom), so the sound plays to its end on a machine without a card.
 */
class FxMediaOutputIT {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aJoinedAnnouncementPlaysToItsEnd(@TempDir Path dir) throws Exception {
        Path wav = new ClipLibrary().join(AnnouncementPlan.of("A023", 3, new AnnouncementPlan.Options(false, false, false)), dir);
        assertThat(Files.size(wav)).isGreaterThan(44);
        assertThat(new FxMediaOutput().play(wav)).isTrue();
    }

    @Test
    void theAnnouncerPlaysQueuedCallsOneAfterAnother() throws Exception {
        try (Announcer announcer = new Announcer(new ClipLibrary(), new FxMediaOutput(), new AnnouncementPlan.Options(false, true, false))) {
            announcer.announce("A001", 3);
            announcer.announce("B105", 12);
            AnnouncerTest.waitUntil(() -> announcer.played() + announcer.failed() == 2);
            assertThat(announcer.played()).isEqualTo(2);
        }
    }

    @Test
    void aMissingFileIsReportedNotThrown(@TempDir Path dir) throws Exception {
        assertThat(new FxMediaOutput().play(dir.resolve("missing.wav"))).isFalse();
    }
}
