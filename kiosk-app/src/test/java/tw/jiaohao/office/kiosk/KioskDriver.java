package tw.jiaohao.office.kiosk;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Runs a whole kiosk ({@link KioskHarness}) in a headless JavaFX (Monocle) from a plain
 * {@code main}: for the screenshot command and the benchmark. Not a test.
 */
final class KioskDriver implements AutoCloseable {
    final KioskHarness harness;
    KioskUi ui;
    Stage stage;

    /** Headless Monocle, software rendering: the same flags as the test runs. Call before anything touches JavaFX. */
    static void headless(int width, int height) {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        System.setProperty("headless.geometry", width + "x" + height + "-32");
    }

    KioskDriver(Path dir, java.util.Properties kioskKeys, int width, int height) throws Exception {
        this(dir, kioskKeys, width, height, (h, ui) -> { });
    }

    /** @param beforeStart called on the JavaFX thread with the new screen before it starts (e.g. to enable self-service) */
    KioskDriver(Path dir, java.util.Properties kioskKeys, int width, int height,
                java.util.function.BiConsumer<KioskHarness, KioskUi> beforeStart) throws Exception {
        this(dir, kioskKeys, "", width, height, beforeStart);
    }

    /** @param officeKeys the office's configuration keys over the defaults (properties syntax), e.g. its hours */
    KioskDriver(Path dir, java.util.Properties kioskKeys, String officeKeys, int width, int height,
                java.util.function.BiConsumer<KioskHarness, KioskUi> beforeStart) throws Exception {
        harness = new KioskHarness(dir, kioskKeys, officeKeys);
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        onFx(() -> {
            ui = harness.newUi();
            beforeStart.accept(harness, ui);
            stage = new Stage();
            stage.setScene(new Scene(ui.root(), width, height));
            stage.show();
            ui.start();
            return null;
        });
        waitUntil(() -> stage.getScene().lookup("#category-A") != null);
    }

    <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    Node node(String selector) {
        return stage.getScene().lookup(selector);
    }

    /** Fires a button as a touch would (the action, not the pointer events). */
    void fire(String selector) throws Exception {
        onFx(() -> {
            ((ButtonBase) node(selector)).fire();
            return null;
        });
    }

    String text(String selector) throws Exception {
        return onFx(() -> node(selector) instanceof Labeled l ? l.getText() : null);
    }

    /** Polls a condition on the JavaFX thread (a tool, not a test: a short poll is fine here). */
    void waitUntil(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the kiosk did not reach the expected state in 20 s");
            }
            Thread.sleep(5);
        }
    }

    void advance(java.time.Duration d) throws Exception {
        onFx(() -> {
            harness.timers.advance(d);
            return null;
        });
    }

    /** The window's picture as it is now (which also lays it out). */
    BufferedImage picture() throws Exception {
        WritableImage img = onFx(() -> stage.getScene().snapshot(null));
        return SwingFXUtils.fromFXImage(img, null);
    }

    void snapshot(Path file) throws Exception {
        BufferedImage out = picture();
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    @Override
    public void close() throws Exception {
        onFx(() -> {
            ui.stop();
            stage.close();
            return null;
        });
        harness.close();
    }
}
