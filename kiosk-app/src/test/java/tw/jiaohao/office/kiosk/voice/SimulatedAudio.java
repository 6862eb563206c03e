package tw.jiaohao.office.kiosk.voice;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The speaker simulated as {@link FxAudio} behaves: called on the JavaFX thread only, the clip
 * looked up the same way ({@link Clips#resource}, an unknown clip thrown) and decoded as a WAV
 * (a clip the player could not open fails here too), a clip still playing stopped by the next.
 * Records what was asked for.
 */
public final class SimulatedAudio implements AudioPort {
    /** One clip asked for: its id, volume and length. */
    public record Played(String clip, double volume, long millis) {
    }

    private final List<Played> played = new ArrayList<>();
    private int stopped;

    @Override
    public synchronized void play(String clip, double volume) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("the speaker is played on the JavaFX thread, as javafx-media's player is");
        }
        if (!played.isEmpty()) {
            stopped++;
        }
        try (InputStream in = Clips.resource(clip).openStream(); AudioInputStream wav = AudioSystem.getAudioInputStream(
                new java.io.BufferedInputStream(in))) {
            long millis = Math.round(wav.getFrameLength() * 1000.0 / wav.getFormat().getFrameRate());
            played.add(new Played(clip, volume, millis));
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new IllegalStateException("clip " + clip + " cannot be played: " + e.getMessage(), e);
        }
    }

    /** The clips asked for, in order. */
    public synchronized List<String> clips() {
        return played.stream().map(Played::clip).toList();
    }

    public synchronized List<Played> played() {
        return List.copyOf(played);
    }

    /** How many clips were cut short by a newer one (at most: the simulator does not know when one ended). */
    public synchronized int stopped() {
        return stopped;
    }
}
