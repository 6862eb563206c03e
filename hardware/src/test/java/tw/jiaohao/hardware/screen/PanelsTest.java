package tw.jiaohao.hardware.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PanelsTest {
    @Test
    void theOfficialSevenInchDisplay_needs78PixelsFor15mm() {
        assertThat(Panels.dpi(800, 480)).isEqualTo(132);
        assertThat(Panels.touchPixels(Panels.dpi(800, 480))).isEqualTo(78);
    }

    @Test
    void aPanelTurnedUpright_hasTheSameDensity() {
        assertThat(Panels.dpi(720, 1280)).isEqualTo(Panels.dpi(1280, 720)).isEqualTo(210);
    }

    @Test
    void aSizeNotInTheTable_takesTheUnknownDensity() {
        assertThat(Panels.dpi(1600, 900)).isEqualTo(Panels.UNKNOWN_DPI);
    }

    @Test
    void densityIsAutoOrAPlausibleNumber() {
        assertThat(Panels.parseDpi("auto")).isZero();
        assertThat(Panels.parseDpi(" 150 ")).isEqualTo(150);
        assertThatThrownBy(() -> Panels.parseDpi("15")).hasMessageContaining("60..600").hasMessageContaining("'15'");
        assertThatThrownBy(() -> Panels.parseDpi("high")).hasMessageContaining("'high'");
    }

    @Test
    void rotationIsAQuarterTurn() {
        assertThat(Panels.parseRotation("270")).isEqualTo(270);
        assertThatThrownBy(() -> Panels.parseRotation("45")).hasMessageContaining("0, 90, 180 or 270").hasMessageContaining("'45'");
    }
}
