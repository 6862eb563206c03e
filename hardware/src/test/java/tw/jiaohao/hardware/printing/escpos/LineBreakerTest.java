package tw.jiaohao.hardware.printing.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.jiaohao.hardware.Samples;

class LineBreakerTest {
    /** Printer columns: ASCII one, everything else two. */
    private static final IntUnaryOperator COLUMNS = cp -> cp < 0x80 ? 1 : 2;

    private static final String RECEIPT_LINE = "聯絡電話：0912***678，申請項目 transfer of ownership，案件 KL01-20250314-0007";

    @Test
    void maskedPhone_isNeverCutAtAnyLineWidth() {
        // From 12 columns up (58 mm paper has 32): 「0912***678，」 is 12 columns with its comma.
        for (int columns = 12; columns <= 48; columns++) {
            List<String> lines = LineBreaker.wrap(RECEIPT_LINE, COLUMNS, columns);
            assertThat(lines).as("%d columns: %s", columns, lines).anyMatch(l -> l.contains("0912***678"));
            if (columns >= 18) {
                assertThat(lines).as("%d columns", columns).anyMatch(l -> l.contains("KL01-20250314-0007"));
            }
            assertThat(lines).as("%d columns", columns).anyMatch(l -> l.contains("transfer"));
        }
    }

    @Test
    void everyLine_fitsTheWidth_andNothingIsLostButSpacesAtBreaks() {
        for (int columns = 4; columns <= 48; columns++) {
            List<String> lines = LineBreaker.wrap(RECEIPT_LINE, COLUMNS, columns);
            for (String l : lines) {
                assertThat(l.codePoints().map(COLUMNS).sum()).as("%d columns: '%s'", columns, l).isLessThanOrEqualTo(columns);
            }
            assertThat(String.join("", lines).replace(" ", "")).isEqualTo(RECEIPT_LINE.replace(" ", ""));
        }
    }

    @Test
    void englishWords_moveWholeToTheNextLine() {
        List<String> lines = LineBreaker.wrap("Self-service request: transfer of ownership", COLUMNS, 16);
        assertThat(lines).containsExactly("Self-service", "request:", "transfer of", "ownership");
    }

    @Test
    void chinese_breaksBetweenAnyTwoCharacters() {
        assertThat(LineBreaker.wrap("本案將於三個工作天內處理", COLUMNS, 10))
                .containsExactly("本案將於三", "個工作天內", "處理");
    }

    @Test
    void chineseThenNumber_breaksBeforeTheNumberNotInsideIt() {
        // 「生效日」 is 6 columns; 2025-03-17 (10) does not fit after it on a 14-column line.
        assertThat(LineBreaker.wrap("生效日2025-03-17", COLUMNS, 14)).containsExactly("生效日", "2025-03-17");
    }

    @Test
    void closingPunctuation_neverStartsALine_andOpeningNeverEndsOne() {
        assertThat(LineBreaker.wrap("過號請重新取號，謝謝", COLUMNS, 14)).containsExactly("過號請重新取", "號，謝謝");
        assertThat(LineBreaker.wrap("請至「櫃台」辦理", COLUMNS, 6)).containsExactly("請至", "「櫃", "台」辦", "理");
        for (int columns = 4; columns <= 16; columns++) {
            for (String l : LineBreaker.wrap("請至「櫃台」辦理，謝謝。（週六）「休息」", COLUMNS, columns)) {
                assertThat(l).as("%d columns", columns).doesNotStartWith("」").doesNotStartWith("，")
                        .doesNotStartWith("。").doesNotStartWith("）").doesNotEndWith("「").doesNotEndWith("（");
            }
        }
        assertThat(LineBreaker.wrap("請至「櫃台」辦理", COLUMNS, 8)).containsExactly("請至「櫃", "台」辦理");
    }

    @Test
    void fullWidthSpace_isKeptInsideALine_andDroppedAtABreak() {
        assertThat(LineBreaker.wrap("前方等候 5 人　約 8–17 分鐘", COLUMNS, 40)).containsExactly("前方等候 5 人　約 8–17 分鐘");
        assertThat(LineBreaker.wrap("前方等候 5 人　約 8–17 分鐘", COLUMNS, 16)).containsExactly("前方等候 5 人", "約 8–17 分鐘");
    }

    @Test
    void aWordLongerThanTheLine_isCutOnlyWhereItMust() {
        List<String> lines = LineBreaker.wrap("見 https://hub.jiaohao.tw/c/KL01", COLUMNS, 12);
        assertThat(lines).containsExactly("見", "https://hub.", "jiaohao.tw/c", "/KL01");
    }

    @Test
    void emptyText_isOneEmptyLine() {
        assertThat(LineBreaker.wrap("", COLUMNS, 10)).containsExactly("");
    }

    @ParameterizedTest(name = "{0} dots")
    @ValueSource(ints = {384, 576})
    void rasterWrap_withTheRealFont_keepsNumbersAndWordsWhole(int dots) {
        TextRasterizer r = Samples.rasterizer();
        String text = "新用戶：王＊明，電話 0912***678，申辦 transfer of ownership，生效日 2025-03-17，"
                + "本案將於三個工作天內處理，結果以簡訊通知。";
        List<String> lines = r.wrap(text, 1, dots);
        assertThat(lines.size()).isGreaterThan(1);
        for (String line : lines) {
            assertThat(r.render(line, 1, 10_000).getWidth()).as(line).isLessThanOrEqualTo(dots + 8);
        }
        for (String whole : List.of("0912***678", "transfer", "ownership", "2025-03-17")) {
            assertThat(lines).as("%s in %s", whole, lines).anyMatch(l -> l.contains(whole));
        }
    }

    @Test
    void ticketEncoderColumns_58mmAnd80mm_keepTheEnglishServiceWordWhole() {
        for (PrinterProfile p : List.of(PrinterProfiles.get("58mm-cjk"), PrinterProfiles.get("80mm-cjk"))) {
            List<String> lines = TicketEncoder.wrapColumns("Self-service: water bill, general service", p.columns());
            assertThat(lines).as(p.name()).anyMatch(l -> l.contains("service"));
            assertThat(lines).as(p.name()).allMatch(l -> !l.startsWith("ervice") && !l.endsWith("s"));
        }
    }
}
