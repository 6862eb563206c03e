package tw.jiaohao.board.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import tw.jiaohao.board.voice.AnnouncementPlan;
import tw.jiaohao.board.voice.AudioOutput;
import tw.jiaohao.board.voice.ClipLibrary;

/**
 * An audio output that records the length in frames of every announcement it is given, in order,
 * and the length the same plan has when joined from the clips: equal lengths, the same clips.
 */
public final class FrameCount implements AudioOutput {
    private final BlockingQueue<Long> played = new LinkedBlockingQueue<>();

    @Override
    public boolean play(Path wav) {
        played.add(frames(wav));
        return true;
    }

    /** The announcements' lengths in frames, in the order they were played. */
    public BlockingQueue<Long> played() {
        return played;
    }

    /** The length in frames of the call of {@code number} to {@code counter} joined with {@code options}. */
    public static long of(ClipLibrary clips, AnnouncementPlan.Options options, String number, int counter) throws Exception {
        Path wav = clips.join(AnnouncementPlan.of(number, counter, options), Path.of(System.getProperty("java.io.tmpdir")));
        try {
            return frames(wav);
        } finally {
            Files.delete(wav);
        }
    }

    private static long frames(Path wav) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            return in.getFrameLength();
        } catch (Exception e) {
            throw new AssertionError("cannot read " + wav, e);
        }
    }
}
