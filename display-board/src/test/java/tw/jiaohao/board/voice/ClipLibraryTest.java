package tw.jiaohao.board.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.board.BoardException;

class ClipLibraryTest {
    @TempDir
    Path recordings;

    @Test
    void aRecordingReplacesTheBundledClipOfItsNameAndTheRestStayBundled() throws IOException {
        byte[] voice = tone(ClipLibrary.FORMAT, 4_410);
        write(recordings.resolve("zh/laibin.wav"), ClipLibrary.FORMAT, voice);

        ClipLibrary library = new ClipLibrary(recordings);

        assertThat(library.recordedCount()).isEqualTo(1);
        assertThat(library.samples(Clip.zh("laibin"))).isEqualTo(voice);
        assertThat(library.samples(Clip.zh("hao-guitai"))).isEqualTo(new ClipLibrary().samples(Clip.zh("hao-guitai")));
        assertThat(new ClipLibrary().samples(Clip.zh("laibin"))).isNotEqualTo(voice);
    }

    @Test
    void aFileThatNamesNoClipStopsTheBoardAtStartNamingTheFile() throws IOException {
        write(recordings.resolve("zh/laibn.wav"), ClipLibrary.FORMAT, tone(ClipLibrary.FORMAT, 100));

        assertThatThrownBy(() -> new ClipLibrary(recordings)).isInstanceOf(BoardException.class)
                .hasMessageContaining("voice.clips-dir").hasMessageContaining("zh/laibn.wav").hasMessageContaining("not the name of a clip");
    }

    @Test
    void aRecordingInAnotherFormatIsRefusedAtStartNotDuringACall() throws IOException {
        AudioFormat studio = new AudioFormat(44_100f, 16, 2, true, false);
        write(recordings.resolve("chime.wav"), studio, tone(studio, 1_000));

        assertThatThrownBy(() -> new ClipLibrary(recordings)).isInstanceOf(BoardException.class)
                .hasMessageContaining("chime.wav").hasMessageContaining("--from-recordings");
    }

    @Test
    void anEmptyRecordingIsRefused() throws IOException {
        write(recordings.resolve("zh/num-23.wav"), ClipLibrary.FORMAT, new byte[0]);

        assertThatThrownBy(() -> new ClipLibrary(recordings)).isInstanceOf(BoardException.class)
                .hasMessageContaining("holds no sound");
    }

    @Test
    void aFolderThatIsNotThereIsRefused() {
        assertThatThrownBy(() -> new ClipLibrary(recordings.resolve("missing"))).isInstanceOf(BoardException.class)
                .hasMessageContaining("voice.clips-dir").hasMessageContaining("not a folder");
    }

    private static byte[] tone(AudioFormat format, int frames) {
        byte[] bytes = new byte[frames * format.getFrameSize()];
        for (int i = 0; i < bytes.length; i += 2) {
            short s = (short) (8_000 * Math.sin(i / 20.0));
            bytes[i] = (byte) s;
            bytes[i + 1] = (byte) (s >> 8);
        }
        return bytes;
    }

    private static void write(Path file, AudioFormat format, byte[] samples) throws IOException {
        Files.createDirectories(file.getParent());
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(samples), format,
                samples.length / format.getFrameSize())) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
