package tw.jiaohao.hub.accounts;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes (a quote
 * inside doubled, commas and line breaks allowed inside quotes), CRLF or LF line ends, a UTF-8
 * byte-order mark ignored. Each record knows the line it starts on. Not thread-safe.
 */
final class CsvReader {
    /** One record, or a malformed one ({@code problem} set, {@code fields} partial). */
    record Record(long line, List<String> fields, String problem) {
    }

    private static final int MAX_FIELD = 4000;
    private final Reader in;
    private long line = 1;
    private int pushback = -2;
    private boolean first = true;

    CsvReader(Reader in) {
        this.in = in;
    }

    private int read() throws IOException {
        if (pushback != -2) {
            int c = pushback;
            pushback = -2;
            return c;
        }
        int c = in.read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        return c;
    }

    /** The next record, or null at the end of the input. Blank lines are skipped. */
    Record next() throws IOException {
        List<String> fields = new ArrayList<>(6);
        StringBuilder field = new StringBuilder(32);
        long start = line;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        String problem = null;
        int c = read();
        if (c == -1) {
            return null;
        }
        while (true) {
            if (quoted) {
                if (c == -1) {
                    fields.add(field.toString());
                    return new Record(start, fields, "a quoted field is not closed before the end of the file");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(field, (char) c);
                }
                c = read();
                continue;
            }
            if (c == ',' ) {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '\r') {
                int d = read();
                if (d != '\n') {
                    pushback = d;
                }
                c = '\n';
                continue;
            } else if (c == '\n' || c == -1) {
                fields.add(field.toString());
                if (c == '\n') {
                    line++;
                }
                if (fields.size() == 1 && fields.get(0).isEmpty() && !fieldWasQuoted) {
                    if (c == -1) {
                        return null;
                    }
                    return next();
                }
                return new Record(start, fields, problem);
            } else if (c == '"' && field.length() == 0 && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else {
                if (fieldWasQuoted && problem == null) {
                    problem = "text after a closing quote in field " + (fields.size() + 1);
                }
                append(field, (char) c);
            }
            c = read();
        }
    }

    private static void append(StringBuilder field, char c) {
        if (field.length() < MAX_FIELD) {
            field.append(c);
        }
    }
}
