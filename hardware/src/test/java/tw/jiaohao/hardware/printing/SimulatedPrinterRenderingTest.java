package tw.jiaohao.hardware.printing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tw.jiaohao.hardware.Golden;
import tw.jiaohao.hardware.Samples;
import tw.jiaohao.hardware.printing.escpos.PrinterProfile;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.sim.PrintedPage;
import tw.jiaohao.hardware.printing.sim.SimulatedPrinter;
import tw.jiaohao.hardware.printing.transport.EscPosTicketPrinter;

/**
 * The simulated printer interprets what the encoder sends and draws it; the drawings are compared
 * with committed reference images (fonts: Noto Sans CJK TC for raster text, Noto Sans Mono CJK TC
 * for the ROM font, both loaded from the Debian file by family name). Up to 0.3% of pixels may
 * differ to absorb font-rasteriser differences between JDK builds.
 */
class SimulatedPrinterRenderingTest {
    private static final double TOLERANCE = 0.003;

    @TempDir
    Path out;

    static Stream<String> profiles() {
        return PrinterProfiles.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void printTicket_eachProfile_rendersLikeReferenceImage(String name) throws Exception {
        PrinterProfile profile = PrinterProfiles.get(name);
        SimulatedPrinter device = new SimulatedPrinter(profile, Samples.mono(), out);
        try (TicketPrinter printer = new EscPosTicketPrinter(Samples.encoder(profile), device, Duration.ofSeconds(1))) {
            PrintOutcome outcome = printer.print(Samples.ticket());

            assertThat(outcome.isPrinted()).as(outcome.toString()).isTrue();
            PrintedPage page = device.lastPage();
            assertThat(page.complete()).isTrue();
            assertThat(page.unsupported()).isEmpty();
            assertThat(page.bytes()).isEqualTo(Samples.encoder(profile).encode(Samples.ticket()));
            assertThat(Files.exists(out.resolve("page-0001.png"))).isTrue();
            Golden.assertImage("ticket-" + name + ".png", page.image(), TOLERANCE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void printReceipt_eachProfile_rendersLikeReferenceImage(String name) {
        PrinterProfile profile = PrinterProfiles.get(name);
        SimulatedPrinter device = new SimulatedPrinter(profile, Samples.mono(), null);
        try (TicketPrinter printer = new EscPosTicketPrinter(Samples.encoder(profile), device, Duration.ofSeconds(1))) {
            assertThat(printer.print(Samples.receipt()).isPrinted()).isTrue();
            assertThat(device.lastPage().unsupported()).isEmpty();
            Golden.assertImage("receipt-" + name + ".png", device.lastPage().image(), TOLERANCE);
        }
    }
}
