package tw.jiaohao.office.kiosk;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Waits for a condition read on the JavaFX thread (TestFX tests; never a fixed sleep). */
final class FxWait {
    private FxWait() {
    }

    /** Fails with "timed out waiting for: {@code what}" when {@code condition} does not hold within 10 s. */
    static void until(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
                try {
                    return WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what);
        }
    }
}
