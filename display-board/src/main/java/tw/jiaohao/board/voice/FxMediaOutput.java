package tw.jiaohao.board.voice;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.media.Media;
import javafx.scene.media.MediaPlayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays through javafx-media (ALSA on Linux). The JavaFX toolkit must be running. With no
 * sound card the player cannot be created; the failure is logged once per kind and the
 * announcement is skipped (the board keeps showing calls).
 */
public final class FxMediaOutput implements AudioOutput {
    private static final Logger LOG = LoggerFactory.getLogger(FxMediaOutput.class);
    private static final long LONGEST_ANNOUNCEMENT_MS = 60_000;
    private final AtomicReference<String> lastError = new AtomicReference<>();

    @Override
    public boolean play(Path wav) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicReference<MediaPlayer> player = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                MediaPlayer p = new MediaPlayer(new Media(wav.toUri().toString()));
                player.set(p);
                p.setOnEndOfMedia(() -> {
                    ended.set(true);
                    done.countDown();
                });
                p.setOnError(() -> {
                    report(String.valueOf(p.getError()));
                    done.countDown();
                });
                p.play();
            } catch (RuntimeException e) {
                report(e.getMessage());
                done.countDown();
            }
        });
        try {
            if (!done.await(LONGEST_ANNOUNCEMENT_MS, TimeUnit.MILLISECONDS)) {
                report("playback did not end within " + LONGEST_ANNOUNCEMENT_MS + " ms");
            }
        } finally {
            Platform.runLater(() -> {
                MediaPlayer p = player.get();
                if (p != null) {
                    p.dispose();
                }
            });
        }
        return ended.get();
    }

    private void report(String error) {
        if (!error.equals(lastError.getAndSet(error))) {
            LOG.warn("cannot play an announcement: {}; calls are still shown (check the speaker / ALSA device)", error);
        }
    }
}
