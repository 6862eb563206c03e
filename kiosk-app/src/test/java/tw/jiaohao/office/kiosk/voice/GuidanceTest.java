package tw.jiaohao.office.kiosk.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class GuidanceTest {
    private final List<String> asked = new ArrayList<>();
    private final AudioPort recording = (clip, volume) -> asked.add(clip + "@" + volume);

    @Test
    void everyPrompt_hasAWholeSentenceClip_inBothLanguages_inTheOneFormat() throws Exception {
        for (Prompt p : Prompt.values()) {
            for (Locale l : List.of(Locale.TRADITIONAL_CHINESE, Locale.ENGLISH)) {
                try (AudioInputStream wav = AudioSystem.getAudioInputStream(new BufferedInputStream(
                        Clips.resource(p.clip(l)).openStream()))) {
                    AudioFormat f = wav.getFormat();
                    assertThat(f.getSampleRate()).as(p.clip(l)).isEqualTo(22050f);
                    assertThat(f.getChannels()).isEqualTo(1);
                    assertThat(wav.getFrameLength() / 22050.0).as("%s lasts a sentence", p.clip(l)).isBetween(1.0, 8.0);
                }
            }
        }
    }

    @Test
    void theClip_followsTheScreensLanguage() {
        assertThat(Prompt.TICKET_PRINTED.clip(Locale.TRADITIONAL_CHINESE)).isEqualTo("zh/ticket-printed");
        assertThat(Prompt.TICKET_PRINTED.clip(Locale.ENGLISH)).isEqualTo("en/ticket-printed");
    }

    @Test
    void defaults_areOnAt80Percent_andTheVolumeIsPassedToTheSpeaker() {
        Guidance g = Guidance.from(new Properties(), recording);
        assertThat(g.on()).isTrue();
        g.say(Prompt.HOME, Locale.TRADITIONAL_CHINESE);
        assertThat(asked).containsExactly("zh/home@0.8");
    }

    @Test
    void guidanceOff_orAtVolumeZero_asksTheSpeakerForNothing() {
        Properties off = new Properties();
        off.setProperty("kiosk.voice", "false");
        Guidance.from(off, recording).say(Prompt.HOME, Locale.ENGLISH);
        Properties zero = new Properties();
        zero.setProperty("kiosk.voice.volume", "0");
        Guidance.from(zero, recording).say(Prompt.HOME, Locale.ENGLISH);
        assertThat(asked).isEmpty();
    }

    @Test
    void badValues_areRefusedWithTheKeyTheRuleAndTheValue() {
        Properties p = new Properties();
        p.setProperty("kiosk.voice.volume", "120");
        assertThatThrownBy(() -> Guidance.from(p, recording)).hasMessageContaining("kiosk.voice.volume")
                .hasMessageContaining("0..100").hasMessageContaining("'120'");
        Properties q = new Properties();
        q.setProperty("kiosk.voice", "yes");
        assertThatThrownBy(() -> Guidance.from(q, recording)).hasMessageContaining("kiosk.voice must be true or false");
    }

    @Test
    void anUnknownClip_isABug_thrownNotSilent() {
        assertThatThrownBy(() -> Clips.resource("zh/no-such-prompt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zh/no-such-prompt");
    }
}
