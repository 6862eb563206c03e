package tw.jiaohao.hardware.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hardware.HardwareException;
import tw.jiaohao.hardware.HardwareFactory;
import tw.jiaohao.hardware.gpio.CallKey;

class HardwareConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaults_areSimulatedWithFirstPrinterClassDevice() {
        HardwareConfig c = HardwareConfig.defaultConfig();
        assertThat(c.mode()).isEqualTo(HardwareConfig.Mode.SIMULATED);
        assertThat(c.usb().vendorId()).isNull();
        assertThat(c.printerProfile()).isEqualTo("80mm-cjk");
        assertThat(c.callPadPins()).containsEntry(CallKey.NEXT, 5);
    }

    @Test
    void hexIds_withOrWithoutPrefix_areParsed() {
        HardwareConfig c = HardwareConfig.from(props("printer.usb.vendor-id", "0x0416", "printer.usb.product-id", "5011"));
        assertThat(c.usb().vendorId()).isEqualTo(0x0416);
        assertThat(c.usb().productId()).isEqualTo(0x5011);
    }

    @Test
    void badValue_errorNamesTheKey() {
        assertThatThrownBy(() -> HardwareConfig.from(props("printer.timeout-ms", "soon")))
                .isInstanceOf(HardwareException.class).hasMessageContaining("'printer.timeout-ms'")
                .hasMessageContaining("100..60000");
        assertThatThrownBy(() -> HardwareConfig.from(props("hardware", "raspberry")))
                .hasMessageContaining("'hardware'").hasMessageContaining("pi or simulated");
    }

    @Test
    void unknownKeyUnderOurPrefixes_isRejectedOthersIgnored() {
        assertThatThrownBy(() -> HardwareConfig.from(props("printer.profle", "58mm-cjk")))
                .hasMessageContaining("unknown configuration key 'printer.profle'");
        assertThat(HardwareConfig.from(props("mqtt.host", "x")).mode()).isEqualTo(HardwareConfig.Mode.SIMULATED);
    }

    @Test
    void vendorWithoutProduct_isRejected() {
        assertThatThrownBy(() -> HardwareConfig.from(props("printer.usb.vendor-id", "0416")))
                .hasMessageContaining("'printer.usb.product-id'");
    }

    @Test
    void samePinTwice_errorNamesBothKeys() {
        assertThatThrownBy(() -> HardwareConfig.from(props("gpio.buzzer.pin", "5")))
                .hasMessageContaining("'gpio.call-pad.next.pin'").hasMessageContaining("'gpio.buzzer.pin'");
    }

    @Test
    void unknownProfile_errorNamesKeyAndKnownProfiles() {
        try (HardwareFactory f = new HardwareFactory(HardwareConfig.from(props("printer.profile", "99mm")))) {
            assertThatThrownBy(f::printer).hasMessageContaining("printer.profile").hasMessageContaining("80mm-cjk");
        }
    }

    @Test
    void missingFontFile_errorSaysHowToInstall() {
        try (HardwareFactory f = new HardwareFactory(HardwareConfig.from(props("printer.font-file", "/nonexistent.ttc")))) {
            assertThatThrownBy(f::printer).isInstanceOf(HardwareException.class).hasMessageContaining("fonts-noto-cjk");
        }
    }
}
