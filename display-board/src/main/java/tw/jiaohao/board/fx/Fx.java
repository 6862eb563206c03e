package tw.jiaohao.board.fx;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import tw.jiaohao.board.BoardException;

/** JavaFX plumbing shared by the board and the counter unit. */
public final class Fx {
    /** The font family every text uses: JavaFX does not fall back to a CJK font by itself. */
    public static final String CJK_FAMILY = "Noto Sans CJK TC";
    private static final String CSS = Fx.class.getResource("/tw/jiaohao/board/fx/board.css").toExternalForm();

    private Fx() {
    }

    /** Starts the JavaFX toolkit (no {@code Application} subclass needed); idempotent, waits until ready. */
    public static void startToolkit() {
        CountDownLatch ready = new CountDownLatch(1);
        try {
            Platform.startup(ready::countDown);
        } catch (IllegalStateException alreadyRunning) {
            ready.countDown();
        }
        try {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new BoardException("the JavaFX toolkit did not start within 30 s; check the display (DISPLAY, or a desktop session on the Pi)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BoardException("interrupted while starting JavaFX", e);
        }
    }

    /** Applies the module's style sheet (fonts, colours) to a scene. */
    public static void style(Scene scene) {
        scene.getStylesheets().add(CSS);
    }

    /** "中文" or "中文 English" depending on the configured language. */
    public static String text(boolean english, String zh, String en) {
        return english ? zh + "  " + en : zh;
    }
}
