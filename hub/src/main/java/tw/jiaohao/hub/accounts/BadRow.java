package tw.jiaohao.hub.accounts;

/**
 * A row of the extract that was not imported: its line number in the file (1 = the header) and
 * what is wrong with it. The reason names the column and the rule, never the value (the row may
 * hold personal data).
 */
public record BadRow(long line, String reason) {
    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
