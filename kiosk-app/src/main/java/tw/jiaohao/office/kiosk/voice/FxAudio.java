package tw.jiaohao.office.kiosk.voice;

import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.media.Media;
import javafx.scene.media.MediaPlayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker through javafx-media (ALSA on Linux); JavaFX thread. With no sound card the player
 * cannot be created: logged once per kind of failure, and the kiosk carries on silently.
 */
public final class FxAudio implements AudioPort {
    private static final Logger log = LoggerFactory.getLogger(FxAudio.class);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private MediaPlayer playing;

    @Override
    public void play(String clip, double volume) {
        String url = Clips.resource(clip).toExternalForm();
        stop();
        try {
            MediaPlayer p = new MediaPlayer(new Media(url));
            p.setVolume(volume);
            p.setOnError(() -> report(String.valueOf(p.getError())));
            p.setOnEndOfMedia(() -> {
                p.dispose();
                if (playing == p) {
                    playing = null;
                }
            });
            playing = p;
            p.play();
        } catch (RuntimeException e) {
            report(String.valueOf(e.getMessage()));
        }
    }

    private void stop() {
        if (playing != null) {
            playing.stop();
            playing.dispose();
            playing = null;
        }
    }

    private void report(String error) {
        if (!error.equals(lastError.getAndSet(error))) {
            log.warn("cannot play voice guidance: {}; the kiosk carries on without it (check the speaker / ALSA device)", error);
        }
    }
}
