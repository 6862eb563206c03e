package tw.jiaohao.board.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import org.testfx.util.WaitForAsyncUtils;

/** Reads the scene graph on the JavaFX thread and waits for conditions with a timeout (no sleeps). */
public final class Ui {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Ui() {
    }

    /** Shows {@code root} in the primary stage, 1920×1080 (the wall board's design size), styled as the programs style it. */
    public static void showFullHd(Parent root) throws java.util.concurrent.TimeoutException {
        org.testfx.api.FxToolkit.setupStage(stage -> {
            javafx.scene.Scene scene = new javafx.scene.Scene(root, 1920, 1080);
            tw.jiaohao.board.fx.Fx.style(scene);
            stage.setScene(scene);
            stage.show();
        });
    }

    /** Runs {@code read} on the JavaFX thread and returns its value. */
    public static <T> T onFx(Supplier<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read::get).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading the scene failed", e);
        }
    }

    /** The text of the Labeled or Text with that id under {@code root}; "" if absent. */
    public static String text(Parent root, String id) {
        return onFx(() -> {
            Node n = root.lookup("#" + id);
            if (n instanceof Labeled l) {
                return l.getText();
            }
            if (n instanceof Text t) {
                return t.getText();
            }
            return "";
        });
    }

    public static boolean visible(Parent root, String id) {
        return onFx(() -> {
            Node n = root.lookup("#" + id);
            return n != null && n.isVisible();
        });
    }

    public static boolean hasStyleClass(Parent root, String id, String styleClass) {
        return onFx(() -> {
            Node n = root.lookup("#" + id);
            return n != null && n.getStyleClass().contains(styleClass);
        });
    }

    /** Waits until {@code condition} holds; fails with {@code what} after {@link #TIMEOUT}. */
    public static void await(String what, Callable<Boolean> condition) {
        await(what, TIMEOUT, condition);
    }

    /** Waits until {@code condition} holds; fails with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS, condition);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting until " + what, e);
        }
    }
}
