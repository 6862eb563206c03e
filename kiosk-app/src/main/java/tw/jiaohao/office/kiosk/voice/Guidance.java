package tw.jiaohao.office.kiosk.voice;

import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Which clip the kiosk asks its speaker for, at which volume, or none when guidance is off
 * ({@code kiosk.voice}, {@code kiosk.voice.volume}). Pure: the speaker is behind {@link AudioPort}.
 */
public final class Guidance {
    /** No speaker: nothing is said (the kiosk without {@code enableVoice}). */
    public static final Guidance SILENT = new Guidance((clip, volume) -> { }, false, 0);

    private final AudioPort audio;
    private final boolean on;
    private final double volume;

    /** @param volume 0..1 */
    public Guidance(AudioPort audio, boolean on, double volume) {
        this.audio = Objects.requireNonNull(audio, "audio");
        if (!(volume >= 0 && volume <= 1)) {
            throw new IllegalArgumentException("volume must be 0..1, got " + volume);
        }
        this.on = on;
        this.volume = volume;
    }

    /**
     * Guidance from the kiosk's keys: {@code kiosk.voice} ({@code true}) and {@code kiosk.voice.volume}
     * (0–100 %, {@code 80}). A bad value is thrown with the key, the rule and the value.
     */
    public static Guidance from(Properties p, AudioPort audio) {
        String onText = p.getProperty("kiosk.voice", "true").trim();
        if (!onText.equals("true") && !onText.equals("false")) {
            throw new IllegalArgumentException("configuration key kiosk.voice must be true or false (default true), got '" + onText + "'");
        }
        String volumeText = p.getProperty("kiosk.voice.volume", "80").trim();
        int percent;
        try {
            percent = Integer.parseInt(volumeText);
        } catch (NumberFormatException e) {
            percent = -1;
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("configuration key kiosk.voice.volume must be a whole number 0..100 (default 80), got '"
                    + volumeText + "'");
        }
        return new Guidance(audio, onText.equals("true"), percent / 100.0);
    }

    /** Says {@code prompt} in {@code language}, unless guidance is off. */
    public void say(Prompt prompt, Locale language) {
        if (on && volume > 0) {
            audio.play(prompt.clip(language), volume);
        }
    }

    public boolean on() {
        return on;
    }

    public double volume() {
        return volume;
    }
}
