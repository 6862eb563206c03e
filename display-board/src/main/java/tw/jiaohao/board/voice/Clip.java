package tw.jiaohao.board.voice;

import java.util.regex.Pattern;

/**
 * One bundled audio clip, named by its path under {@code tw/jiaohao/board/voice/clips/}
 * without ".wav": {@code chime}, {@code zh/laibin}, {@code zh/3}, {@code letter/A}, {@code en/20}…
 * The clips are generated once by {@code display-board/tools/generate-clips.sh}.
 */
public record Clip(String id) {
    private static final Pattern ID = Pattern.compile("chime|pause|(zh|en|letter)/[A-Za-z0-9-]+");
    public static final Clip CHIME = new Clip("chime");
    /** Silence between repetitions of a call (no file: the library makes it). */
    public static final Clip PAUSE = new Clip("pause");

    public Clip {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a clip id: " + id);
        }
    }

    public static Clip zh(String word) {
        return new Clip("zh/" + word);
    }

    public static Clip en(String word) {
        return new Clip("en/" + word);
    }

    public static Clip letter(char letter) {
        return new Clip("letter/" + letter);
    }

    /** The classpath resource holding the clip. */
    public String resource() {
        return "/tw/jiaohao/board/voice/clips/" + id + ".wav";
    }

    @Override
    public String toString() {
        return id;
    }
}
