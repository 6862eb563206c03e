package tw.jiaohao.hub.web;

import java.util.List;

/**
 * CSV exports (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read Chinese
 * correctly). Cells starting with = + - @ are prefixed with an apostrophe so a spreadsheet
 * never runs them as formulas.
 */
final class Csv {
    private final StringBuilder b = new StringBuilder("\uFEFF");

    Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        b.append("\r\n");
        return this;
    }

    Csv row(Object... cells) {
        return row(java.util.Arrays.asList(cells));
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.3f", d) : v.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
