package tw.jiaohao.hardware;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import tw.jiaohao.hardware.printing.Receipt;
import tw.jiaohao.hardware.printing.TicketSlip;
import tw.jiaohao.hardware.printing.escpos.CjkFonts;
import tw.jiaohao.hardware.printing.escpos.PrinterProfile;
import tw.jiaohao.hardware.printing.escpos.TextRasterizer;
import tw.jiaohao.hardware.printing.escpos.TicketEncoder;

/** Fixed documents and fonts for tests (fonts loaded by file and family name, never by fallback). */
public final class Samples {
    public static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private Samples() {
    }

    public static TicketSlip ticket() {
        return ticket("A023");
    }

    public static TicketSlip ticket(String number) {
        return new TicketSlip("台水 基隆服務所", number, "水費/一般", Instant.parse("2025-03-14T06:05:00Z"), TAIPEI, 5, 12,
                "https://hub.jiaohao.tw/t/KL01/2025-03-14/" + number, "過號請重新取號，謝謝您耐心等候");
    }

    public static Receipt receipt() {
        return new Receipt("台水 基隆服務所", "KL01-20250314-0007", "過戶 transfer of ownership",
                List.of("用水地址：基隆市仁愛區愛一路 ** 號", "新用戶：王＊明", "生效日：2025-03-17", "本案將於三個工作天內處理，結果以簡訊通知。"),
                "https://hub.jiaohao.tw/c/KL01-20250314-0007", Instant.parse("2025-03-14T06:20:00Z"), TAIPEI);
    }

    public static TextRasterizer rasterizer() {
        return new TextRasterizer(CjkFonts.load(CjkFonts.DEFAULT_FILE, CjkFonts.SANS_TC));
    }

    public static java.awt.Font mono() {
        return CjkFonts.load(CjkFonts.DEFAULT_FILE, CjkFonts.MONO_TC);
    }

    public static TicketEncoder encoder(PrinterProfile profile) {
        return new TicketEncoder(profile, rasterizer());
    }
}
