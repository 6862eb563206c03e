package tw.jiaohao.office.kiosk.voice;

/**
 * The kiosk's speaker (port; {@link FxAudio} is the adapter). Contract: {@link #play} returns at
 * once (the JavaFX thread calls it); a clip still playing is stopped, so the newest prompt is the
 * one heard; a device fault (no sound card, a broken speaker) is logged once per kind by the
 * adapter and never thrown — guidance is a help, the kiosk works without it. An unknown clip is a
 * bug and is thrown as {@link IllegalArgumentException} ({@link Clips#resource}).
 */
public interface AudioPort {
    /**
     * Plays a bundled clip.
     *
     * @param clip   the clip's id, e.g. {@code zh/ticket-printed} ({@link Prompt#clip})
     * @param volume 0 (silent) to 1 (full)
     */
    void play(String clip, double volume);
}
