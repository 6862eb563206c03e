package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.ResourceBundle;
import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;
import tw.jiaohao.hardware.printing.FailureReason;
import tw.jiaohao.hardware.printing.PrinterState;
import tw.jiaohao.protocol.event.Rating;

class TextsAndQrTest {

    @Test
    void bothBundles_haveTheSameKeys_andATextForEveryPrinterCodeRatingAndOutcome() {
        ResourceBundle zh = I18n.load(I18n.CHINESE);
        ResourceBundle en = I18n.load(I18n.ENGLISH);
        assertThat(en.keySet()).containsExactlyInAnyOrderElementsOf(zh.keySet());
        for (FailureReason r : FailureReason.values()) {
            assertThat(zh.containsKey(r.code())).as(r.code()).isTrue();
        }
        for (PrinterState s : PrinterState.values()) {
            if (!s.canPrint()) {
                assertThat(zh.containsKey(s.code())).as(s.code()).isTrue();
            }
        }
        for (Rating r : Rating.values()) {
            assertThat(zh.containsKey("rating.face." + r.name())).isTrue();
        }
        for (RatingReply.Outcome o : RatingReply.Outcome.values()) {
            assertThat(zh.containsKey("rating." + o.name().toLowerCase(java.util.Locale.ROOT))).as(o.name()).isTrue();
        }
        assertThat(zh.getString("home.prompt")).isEqualTo("請選擇服務項目，取號");
    }

    @Test
    void qrCode_decodesBackToTheStatusUrl() throws Exception {
        String url = "https://hub.example.com.tw/t/taipei-north/2026-03-02/A023";
        Image img = QrCodes.image(url, 260);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] pixels = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), pixels, 0, w);
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(url);
    }
}
