package tw.jiaohao.office.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BillQrTest {
    @Test
    void accountAsPrinted_isNormalized() {
        assertThat(BillQr.accountNumber(" 3-3004-5678-90 ")).isEqualTo("33004567890");
    }

    @Test
    void accountInAPaymentUrl_isFound() {
        assertThat(BillQr.accountNumber("https://pay.example.com.tw/water?account=3-3004-5678-90&period=202602")).isEqualTo("33004567890");
        assertThat(BillQr.accountNumber("水號：33004567890 金額：0")).isEqualTo("33004567890");
    }

    @Test
    void somethingElse_isLeftAsTyped_forTheLookUpToRefuse() {
        assertThat(BillQr.accountNumber("no account here!")).isEqualTo("no account here!");
        assertThat(BillQr.accountNumber(null)).isEmpty();
    }
}
