package tw.jiaohao.board.voice;

import java.nio.file.Path;

/**
 * Plays one WAV file to the speaker (port; {@link FxMediaOutput} is the adapter). Blocks the
 * calling thread until the sound has ended or failed, so callers play one sound at a time.
 * A failure is reported by the return value, never thrown: a broken speaker must not stop the
 * board.
 */
public interface AudioOutput {
    /** Returns true if the file played to its end. */
    boolean play(Path wav) throws InterruptedException;
}
