package tw.jiaohao.hardware.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.jiaohao.hardware.HardwareException;
import tw.jiaohao.hardware.Samples;
import tw.jiaohao.hardware.printing.escpos.PrinterProfile;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.sim.SimulatedPrinter;
import tw.jiaohao.hardware.printing.transport.EscPosTicketPrinter;

/** The simulator keeps only its newest pages in memory; every page stays on disk. */
class SimulatedPrinterMemoryTest {
    private final PrinterProfile profile = PrinterProfiles.get("80mm-cjk");

    @Test
    void pages_moreThanKept_memoryHoldsTheNewestAndDiskHoldsAll(@TempDir Path out) throws IOException {
        SimulatedPrinter device = new SimulatedPrinter(profile, Samples.mono(), out, 3);
        try (TicketPrinter printer = new EscPosTicketPrinter(Samples.encoder(profile), device, Duration.ofSeconds(2))) {
            for (int i = 1; i <= 8; i++) {
                assertThat(printer.print(Samples.ticket(String.format("A%03d", i))).isPrinted()).isTrue();
            }
        }

        assertThat(device.pagesPrinted()).isEqualTo(8);
        assertThat(device.pages()).extracting(p -> p.number()).containsExactly(6, 7, 8);
        assertThat(device.lastPage().number()).isEqualTo(8);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png"))).hasSize(8);
        }
        // the bytes kept are those of the kept pages (plus status queries between them), not all eight
        int kept = device.pages().stream().mapToInt(p -> p.bytes().length).sum();
        assertThat(device.received().length).isGreaterThanOrEqualTo(kept).isLessThan(kept * 8 / 3);
    }

    @Test
    void constructor_keepsNoPage_refusedNamingTheKey() {
        assertThatThrownBy(() -> new SimulatedPrinter(profile, Samples.mono(), null, 0))
                .isInstanceOf(HardwareException.class).hasMessageContaining("printer.simulated.keep-pages");
    }
}
