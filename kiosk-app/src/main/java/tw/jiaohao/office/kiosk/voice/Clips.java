package tw.jiaohao.office.kiosk.voice;

import java.net.URL;

/** Where the bundled guidance clips are: the one look-up the speaker and its simulator share. */
public final class Clips {
    private Clips() {
    }

    /** The clip's resource; an id with no bundled clip is a bug (thrown, never a silent prompt). */
    public static URL resource(String clip) {
        URL url = Clips.class.getResource("/tw/jiaohao/office/kiosk/voice/" + clip + ".wav");
        if (url == null) {
            throw new IllegalArgumentException("no bundled voice clip '" + clip + "' (kiosk-app/tools/generate-voice.sh makes them)");
        }
        return url;
    }
}
