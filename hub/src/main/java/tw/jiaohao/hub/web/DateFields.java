package tw.jiaohao.hub.web;

import static tw.jiaohao.hub.web.Html.esc;

import java.time.LocalDate;

/**
 * The dashboard's date fields. Not {@code <input type="date">}: Chromium shows that control in the
 * browser's own locale whatever the page's language ({@code 12/04/2026} in an English browser
 * inside the Chinese page, {@code 2026/12/04} in a Chinese one inside the English page), so the
 * fields are text holding the date as {@code YYYY-MM-DD}, the form both languages' pages print
 * dates in, with the page language's placeholder and hint; a date typed in another form is
 * refused by the browser before it is sent ({@code pattern}) and by the server (400) after.
 */
final class DateFields {
    private static final String ISO_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}";

    private DateFields() {
    }

    /** Keeps the page's language when a form is sent (the language may come from the address, not the cookie). */
    static String keepLanguage(I18n t) {
        return "<input type=\"hidden\" name=\"lang\" value=\"" + t.lang() + "\">";
    }

    /** One date field named {@code name} holding {@code value}. */
    static String field(I18n t, String name, LocalDate value) {
        return "<input type=\"text\" class=\"date\" name=\"" + esc(name) + "\" value=\"" + value + "\" inputmode=\"numeric\" size=\"10\""
                + " maxlength=\"10\" autocomplete=\"off\" pattern=\"" + ISO_DATE + "\" placeholder=\"" + esc(t.t("date.placeholder"))
                + "\" title=\"" + esc(t.t("date.hint")) + "\">";
    }

    /**
     * The labelled {@code from} and {@code to} fields of a date range form, with the page's
     * language ({@link #keepLanguage}).
     */
    static String range(I18n t, LocalDate from, LocalDate to) {
        return keepLanguage(t) + "<label>" + esc(t.t("office.from")) + field(t, "from", from) + "</label><label>" + esc(t.t("office.to")) + field(t, "to", to) + "</label>";
    }
}
