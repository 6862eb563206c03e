package tw.jiaohao.hardware.printing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tw.jiaohao.hardware.Samples;
import tw.jiaohao.hardware.printing.escpos.PrinterProfile;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.escpos.TicketEncoder;
import tw.jiaohao.hardware.printing.sim.SimulatedPrinter;
import tw.jiaohao.hardware.printing.transport.EscPosTicketPrinter;

/**
 * Prints through the simulated printer, decodes the QR code from the drawn page and measures the
 * white around it: at least 4 modules on every side on every profile, short and long URLs.
 */
class QrQuietZoneTest {

    static Stream<Arguments> cases() {
        String longUrl = "https://queue-status.water-company.example.com.tw/t/keelung-ren-ai-district-office/2025-03-14/A023";
        return PrinterProfiles.all().keySet().stream().flatMap(p -> Stream.of(
                Arguments.of(p, "ticket", Samples.ticket().qrUrl()),
                Arguments.of(p, "ticket", longUrl),
                Arguments.of(p, "receipt", Samples.receipt().qrUrl())));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void printedQr_decodes_andHasFourModulesOfWhiteOnEverySide(String profileName, String doc, String url) throws Exception {
        PrinterProfile profile = PrinterProfiles.get(profileName);
        SimulatedPrinter device = new SimulatedPrinter(profile, Samples.mono(), null);
        try (TicketPrinter printer = new EscPosTicketPrinter(Samples.encoder(profile), device, Duration.ofSeconds(1))) {
            TicketSlip t = Samples.ticket();
            Receipt r = Samples.receipt();
            PrintOutcome outcome = doc.equals("ticket")
                    ? printer.print(new TicketSlip(t.officeName(), t.ticketNumber(), t.categoryLabel(), t.issuedAt(),
                            t.officeZone(), t.peopleAhead(), t.estimateMinutes(), url, t.noticeLine()))
                    : printer.print(r);
            assertThat(outcome.isPrinted()).as(outcome.toString()).isTrue();
        }
        BufferedImage page = device.lastPage().image();

        Result decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(page.getWidth(), page.getHeight(),
                page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth())))),
                Map.of(DecodeHintType.TRY_HARDER, true));
        assertThat(decoded.getText()).isEqualTo(url);

        int codeModules = new QRCodeWriter().encode(url, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0)).getWidth();
        int module = TicketEncoder.qrModuleFor(codeModules, profile);
        ResultPoint topLeft = decoded.getResultPoints()[1];
        // The finder pattern's centre is 3.5 modules inside the code's corner; search 2 modules beyond the corner.
        int x0 = (int) Math.round(topLeft.getX() - 5.5 * module);
        int y0 = (int) Math.round(topLeft.getY() - 5.5 * module);
        int span = (codeModules + 4) * module;
        int[] box = blackBox(page, x0, y0, x0 + span, y0 + span);
        assertThat(box[2] - box[0]).as("code width in dots").isEqualTo(codeModules * module);
        assertThat(box[3] - box[1]).as("code height in dots").isEqualTo(codeModules * module);

        int quiet = TicketEncoder.QUIET_MODULES * module;
        int left = box[0] - quiet;
        int top = box[1] - quiet;
        int right = box[2] + quiet;
        int bottom = box[3] + quiet;
        assertThat(left).as("white to the left").isGreaterThanOrEqualTo(0);
        assertThat(right).as("white to the right").isLessThanOrEqualTo(page.getWidth());
        assertThat(top).as("white above").isGreaterThanOrEqualTo(0);
        assertThat(bottom).as("white below").isLessThanOrEqualTo(page.getHeight());
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                boolean inCode = x >= box[0] && x < box[2] && y >= box[1] && y < box[3];
                if (!inCode) {
                    assertThat(black(page, x, y)).as("dot (%d,%d) in the quiet zone of %s", x, y, box).isFalse();
                }
            }
        }
    }

    /** The bounding box {x0, y0, x1, y1} (exclusive ends) of the black dots in the region. */
    private static int[] blackBox(BufferedImage img, int x0, int y0, int x1, int y1) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                if (black(img, x, y)) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x + 1);
                    box[3] = Math.max(box[3], y + 1);
                }
            }
        }
        return box;
    }

    private static boolean black(BufferedImage img, int x, int y) {
        return (img.getRGB(x, y) & 0xFF) < 128;
    }
}
