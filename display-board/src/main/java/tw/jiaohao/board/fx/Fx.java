package tw.jiaohao.board.fx;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
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

    /**
     * The window around a screen: it gives {@code screen} the window's size — turned by
     * {@code rotation} degrees clockwise (0, 90, 180, 270) — and tells {@code laidOut} each new
     * width and height (as the screen sees them), so the screen can lay itself out again.
     */
    public static StackPane window(Region screen, int rotation, java.util.function.BiConsumer<Double, Double> laidOut) {
        StackPane window = new StackPane(screen);
        window.getStyleClass().add("window");
        screen.setRotate(rotation);
        Runnable refit = () -> {
            double w = window.getWidth();
            double h = window.getHeight();
            if (w <= 0 || h <= 0) {
                return;
            }
            boolean turned = rotation % 180 != 0;
            double sw = turned ? h : w;
            double sh = turned ? w : h;
            screen.setMinSize(sw, sh);
            screen.setPrefSize(sw, sh);
            screen.setMaxSize(sw, sh);
            laidOut.accept(sw, sh);
        };
        window.widthProperty().addListener((o, was, now) -> refit.run());
        window.heightProperty().addListener((o, was, now) -> refit.run());
        return window;
    }

    /** "中文" or "中文 English" depending on the configured language. */
    public static String text(boolean english, String zh, String en) {
        return english ? zh + "  " + en : zh;
    }
}
