package tw.jiaohao.hub.estimates;

import java.time.LocalDate;
import java.util.List;

/**
 * Quoted vs actual waits of one office over the office-days {@code [from, to]} and the local
 * issue hours {@code [fromHour, toHour)}: one row per category and hour with any called ticket
 * that carried an estimate, a row per category over every hour, a row per hour over every
 * category, and the total. See {@link Accuracy} for the figures.
 *
 * @param rows       category × hour, sorted by category then hour
 * @param byCategory per category ({@code hour} = -1)
 * @param byHour     per hour of the filter, every hour listed even when empty ({@code category} = null)
 * @param total      every ticket of the filter ({@code hour} = -1, {@code category} = null)
 */
public record QuotedVsActual(String office, LocalDate from, LocalDate to, int fromHour, int toHour, List<Row> rows,
                             List<Row> byCategory, List<Row> byHour, Row total) {

    /** @param label the category's name "中文 / English" when the office's live state names it, else its code */
    public record Row(String category, String label, int hour, Accuracy figures) {
    }
}
