package tw.jiaohao.hub.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Record> read(String text) throws IOException {
        CsvReader r = new CsvReader(new StringReader(text));
        List<CsvReader.Record> out = new ArrayList<>();
        CsvReader.Record rec;
        while ((rec = r.next()) != null) {
            out.add(rec);
        }
        return out;
    }

    @Test
    void quotedFields_mayHoldCommasQuotesAndLineBreaks_andLinesAreCountedRight() throws IOException {
        List<CsvReader.Record> rows = read("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n\nlast,row");
        assertThat(rows).extracting(CsvReader.Record::line).containsExactly(1L, 2L, 3L, 6L);
        assertThat(rows.get(0).fields()).containsExactly("a", "b");
        assertThat(rows.get(1).fields()).containsExactly("x, y", "say \"hi\"");
        assertThat(rows.get(2).fields()).containsExactly("two\nlines", "z");
        assertThat(rows.get(3).fields()).containsExactly("last", "row");
        assertThat(rows).allMatch(r -> r.problem() == null);
    }

    @Test
    void unclosedQuote_isAProblemOfItsLine() throws IOException {
        List<CsvReader.Record> rows = read("a,b\n\"open,c\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).problem()).contains("not closed");
    }

    @Test
    void textAfterAClosingQuote_isAProblem() throws IOException {
        assertThat(read("\"a\"b,c").get(0).problem()).contains("after a closing quote");
    }

    @Test
    void emptyFieldsAndTrailingComma_areKept() throws IOException {
        assertThat(read("a,,\n").get(0).fields()).containsExactly("a", "", "");
    }

    @Test
    void amounts_areParsedToCents() {
        assertThat(AccountImporter.cents("0")).isZero();
        assertThat(AccountImporter.cents("1,250")).isEqualTo(125_000);
        assertThat(AccountImporter.cents("12.5")).isEqualTo(1250);
        assertThat(AccountImporter.cents("-3")).isEqualTo(-1);
        assertThat(AccountImporter.cents("1.234")).isEqualTo(-1);
        assertThat(AccountImporter.cents("abc")).isEqualTo(-1);
    }

    @Test
    void progressBar_drawsTheShareReadAndTheCounts() {
        String line = ProgressBar.render(50, 100, 1234, 2);
        assertThat(line).startsWith("\r[###############...............]").contains(" 50.0%", "1,234 rows", "2 bad");
        assertThat(ProgressBar.render(100, 100, 10, 0)).contains("100.0%").endsWith(System.lineSeparator());
    }
}
