package tw.jiaohao.hardware.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return new HardwareMain(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).run(args);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_listsEveryCommand() {
        assertThat(run("", "--help")).isZero();
        assertThat(output()).contains("list-printers", "test-ticket", "status", "keys", "lamps", "58mm-raster");
    }

    @Test
    void testTicket_simulated_writesPagePngAndSucceeds() {
        int code = run("", "test-ticket", "--simulated", "--out", dir.toString(), "--profile", "58mm-raster");

        assertThat(code).as(output()).isZero();
        assertThat(output()).contains("printed ticket A000");
        assertThat(Files.exists(dir.resolve("page-0001.png"))).isTrue();
        assertThat(Files.exists(dir.resolve("page-0001.bin"))).isTrue();
    }

    @Test
    void status_simulated_isReady() {
        assertThat(run("", "status", "--simulated", "--out", dir.toString())).isZero();
        assertThat(output()).contains("printer.ready");
    }

    @Test
    void keys_simulatedFromStdin_echoesPressesAndRating() {
        assertThat(run("n\n2\nq\n", "keys", "--simulated", "--out", dir.toString())).isZero();
        assertThat(output()).contains("call-pad NEXT PRESSED", "call-pad NEXT RELEASED", "rating-pad SATISFIED 滿意");
    }

    @Test
    void badOption_exitCode2WithMessage() {
        assertThat(run("", "status", "--frobnicate")).isEqualTo(2);
        assertThat(output()).contains("unknown option '--frobnicate'");
    }

    @Test
    void listPrinters_noUsbDevicesHere_saysNoPrinterFound() {
        assertThat(run("", "list-printers")).isZero();
        assertThat(output()).contains("no printer found").contains("80mm-cjk");
    }
}
