package tw.jiaohao.office.kiosk;

import java.time.Duration;
import javafx.animation.PauseTransition;

/** {@link KioskTimers} on the JavaFX animation clock. */
public final class FxTimers implements KioskTimers {
    @Override
    public Runnable after(Duration delay, Runnable action) {
        PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        pause.setOnFinished(e -> action.run());
        pause.play();
        return pause::stop;
    }
}
