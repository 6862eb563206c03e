package tw.jiaohao.board.voice;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import tw.jiaohao.board.BoardException;

/**
 * The bundled clips, read once and kept in memory (≈1.7 MB), and the joining of a plan into
 * one WAV file so an announcement plays as one sound without gaps from starting players.
 * Thread-safe.
 */
public final class ClipLibrary {
    /** The one format every clip is generated in. */
    public static final AudioFormat FORMAT = new AudioFormat(22_050f, 16, 1, true, false);
    private static final int GAP_MS = 60;
    private static final int AFTER_CHIME_MS = 250;
    private static final int PAUSE_MS = 900;
    private final Map<Clip, byte[]> pcm = new ConcurrentHashMap<>();

    /** The clip's PCM samples; throws {@link BoardException} if the clip is missing or in another format. */
    public byte[] samples(Clip clip) {
        if (clip.equals(Clip.PAUSE)) {
            return silence(PAUSE_MS);
        }
        return pcm.computeIfAbsent(clip, ClipLibrary::read);
    }

    /** Writes the plan's clips, with short pauses between them, as one WAV file in {@code dir}. */
    public Path join(AnnouncementPlan plan, Path dir) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (Clip clip : plan.clips()) {
            all.writeBytes(samples(clip));
            all.writeBytes(silence(clip.equals(Clip.CHIME) ? AFTER_CHIME_MS : GAP_MS));
        }
        byte[] bytes = all.toByteArray();
        try {
            Path file = Files.createTempFile(dir, "call-", ".wav");
            try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), FORMAT, bytes.length / FORMAT.getFrameSize())) {
                AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
            }
            return file;
        } catch (IOException e) {
            throw new BoardException("cannot write an announcement to " + dir + ": " + e.getMessage() + "; check free space", e);
        }
    }

    private static byte[] silence(int millis) {
        int frames = (int) (FORMAT.getSampleRate() * millis / 1000);
        return new byte[frames * FORMAT.getFrameSize()];
    }

    private static byte[] read(Clip clip) {
        InputStream raw = ClipLibrary.class.getResourceAsStream(clip.resource());
        if (raw == null) {
            throw new BoardException("audio clip " + clip.resource() + " is missing from the build; run display-board/tools/generate-clips.sh");
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
            if (!in.getFormat().matches(FORMAT)) {
                throw new BoardException("audio clip " + clip.id() + " is " + in.getFormat() + ", expected " + FORMAT
                        + "; regenerate the clips with display-board/tools/generate-clips.sh");
            }
            return in.readAllBytes();
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new BoardException("cannot read audio clip " + clip.id() + ": " + e.getMessage(), e);
        }
    }
}
