package tw.jiaohao.hardware.printing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tw.jiaohao.hardware.Golden;
import tw.jiaohao.hardware.Samples;
import tw.jiaohao.hardware.printing.escpos.PrinterProfile;
import tw.jiaohao.hardware.printing.escpos.PrinterProfiles;
import tw.jiaohao.hardware.printing.escpos.TicketEncoder;

/** Byte-exact golden files of the encoder for every packaged profile (raster profiles use Noto Sans CJK TC). */
class TicketEncoderGoldenTest {

    static Stream<String> profiles() {
        return PrinterProfiles.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void encodeTicket_eachProfile_matchesGoldenBytes(String profile) {
        byte[] bytes = Samples.encoder(PrinterProfiles.get(profile)).encode(Samples.ticket());
        Golden.assertBytes("ticket-" + profile + ".bin", bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void encodeReceipt_eachProfile_matchesGoldenBytes(String profile) {
        byte[] bytes = Samples.encoder(PrinterProfiles.get(profile)).encode(Samples.receipt());
        Golden.assertBytes("receipt-" + profile + ".bin", bytes);
    }

    @Test
    void encodeTicket_chineseRomProfile_sendsBig5AfterFsAmpersand() {
        byte[] bytes = Samples.encoder(PrinterProfiles.get("80mm-cjk")).encode(Samples.ticket());
        String latin1 = new String(bytes, Charset.forName("ISO-8859-1"));
        String big5 = new String("水費/一般".getBytes(Charset.forName("Big5")), Charset.forName("ISO-8859-1"));
        assertThat(latin1).startsWith("\u001b@\u001c&").contains(big5).doesNotContain("\u001dv0");
    }

    @Test
    void encodeTicket_rasterProfile_sendsNoBig5AndUsesRasterImages() {
        byte[] bytes = Samples.encoder(PrinterProfiles.get("80mm-raster")).encode(Samples.ticket());
        String latin1 = new String(bytes, Charset.forName("ISO-8859-1"));
        String big5 = new String("水費".getBytes(Charset.forName("Big5")), Charset.forName("ISO-8859-1"));
        assertThat(latin1).startsWith("\u001b@\u001ba").doesNotContain(big5).contains("\u001dv0").contains("A023");
    }

    @Test
    void encodeTicket_profileWithoutQrCommand_sendsQrAsRasterImage() {
        PrinterProfile noQr = PrinterProfiles.get("58mm-raster");
        assertThat(noQr.qr()).isFalse();
        String latin1 = new String(Samples.encoder(noQr).encode(Samples.ticket()), Charset.forName("ISO-8859-1"));
        assertThat(latin1).doesNotContain("\u001d(k");
    }

    @Test
    void encodeTicket_textNotInBig5_fallsBackToRasterOnRomPrinter() {
        TicketEncoder encoder = Samples.encoder(PrinterProfiles.get("80mm-cjk"));
        TicketSlip slip = new TicketSlip("台水 基隆服務所", "B001", "过户", Samples.ticket().issuedAt(), Samples.TAIPEI, 0, 0,
                null, null); // simplified Chinese 过 is not in Big5
        assertThat(Charset.forName("Big5").newEncoder().canEncode("过户")).isFalse();
        String latin1 = new String(encoder.encode(slip), Charset.forName("ISO-8859-1"));
        assertThat(latin1).contains("\u001dv0");
    }

    @Test
    void encode_sameTicketTwice_sameBytes() {
        TicketEncoder encoder = Samples.encoder(PrinterProfiles.get("58mm-raster"));
        assertThat(encoder.encode(Samples.ticket())).isEqualTo(encoder.encode(Samples.ticket()));
    }
}
