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
 * The clips, read once and kept in memory (≈1.7 MB), and the joining of a plan into one WAV file
 * so an announcement plays as one sound without gaps from starting players. Thread-safe.
 *
 * <p>The bundled clips are synthesised. An office that wants a natural voice records the same
 * clips ({@code display-board/tools/generate-clips.sh --recording-script} lists each file and
 * what to say; {@code --from-recordings} turns the recordings into the clip format) and names
 * their folder in {@code voice.clips-dir}: a recorded clip replaces the bundled one of the same
 * name, a clip not recorded stays the bundled one. The folder is checked whole when the library
 * is made, so a misnamed or wrongly formatted file stops the board at start (naming the file and
 * the rule) rather than failing during a call.
 */
public final class ClipLibrary {
    /** The one format every clip is generated in. */
    public static final AudioFormat FORMAT = new AudioFormat(22_050f, 16, 1, true, false);
    private static final int GAP_MS = 60;
    private static final int AFTER_CHIME_MS = 250;
    private static final int PAUSE_MS = 900;
    private final Map<Clip, byte[]> pcm = new ConcurrentHashMap<>();
    private final Map<Clip, Path> recorded;

    /** The bundled clips only. */
    public ClipLibrary() {
        this.recorded = Map.of();
    }

    /**
     * The recordings in {@code recordings} (a folder laid out like the bundled clips:
     * {@code chime.wav}, {@code zh/laibin.wav}, {@code letter/A.wav} …) over the bundled clips.
     *
     * @throws BoardException naming the file and the rule when the folder cannot be read, or a
     *     file in it is not the name of a bundled clip or not in {@link #FORMAT}
     */
    public ClipLibrary(Path recordings) {
        this.recorded = recordings(recordings);
    }

    /** How many clips come from recordings rather than the bundled set. */
    public int recordedCount() {
        return recorded.size();
    }

    /** The clip's PCM samples; throws {@link BoardException} if the clip is missing or in another format. */
    public byte[] samples(Clip clip) {
        if (clip.equals(Clip.PAUSE)) {
            return silence(PAUSE_MS);
        }
        return pcm.computeIfAbsent(clip, c -> {
            Path file = recorded.get(c);
            return file == null ? read(c) : readRecorded(c, file);
        });
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

    private static Map<Clip, Path> recordings(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BoardException("voice.clips-dir: must be a folder of recorded clips, got '" + dir + "' (not a folder)");
        }
        Map<Clip, Path> found = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                Clip clip = recordedClip(name);
                if (clip == null || ClipLibrary.class.getResource(clip.resource()) == null) {
                    throw new BoardException("voice.clips-dir: '" + name + "' in " + dir + " is not the name of a clip "
                            + "(generate-clips.sh --recording-script lists them, e.g. zh/laibin.wav)");
                }
                readRecorded(clip, file);
                found.put(clip, file);
            }
        } catch (IOException e) {
            throw new BoardException("voice.clips-dir: cannot read " + dir + ": " + e.getMessage(), e);
        }
        return Map.copyOf(found);
    }

    private static Clip recordedClip(String name) {
        if (!name.endsWith(".wav")) {
            return null;
        }
        try {
            Clip clip = new Clip(name.substring(0, name.length() - 4));
            return clip.equals(Clip.PAUSE) ? null : clip;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] readRecorded(Clip clip, Path file) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!in.getFormat().matches(FORMAT)) {
                throw new BoardException("voice.clips-dir: " + file + " is " + in.getFormat() + ", must be " + FORMAT
                        + " (generate-clips.sh --from-recordings converts recordings)");
            }
            byte[] samples = in.readAllBytes();
            if (samples.length == 0) {
                throw new BoardException("voice.clips-dir: " + file + " holds no sound (clip " + clip.id() + ")");
            }
            return samples;
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new BoardException("voice.clips-dir: cannot read " + file + " as a WAV file: " + e.getMessage(), e);
        }
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
