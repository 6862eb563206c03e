package tw.jiaohao.office.ticketing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import tw.jiaohao.protocol.counter.ReplyCode;
import tw.jiaohao.protocol.event.TicketNumber;

/**
 * Ticket numbers (docs/office-node/QUEUE.md, "Numbers"): per category and office day, the next is
 * {@code MAX(number) + 1} of the stored tickets, read inside the issuing transaction, so a number
 * handed out is committed and never handed out again; at most {@value TicketNumber#MAX_SEQUENCE}
 * a day. After staff accepted a database that lost committed changes ({@link #skipLost}), the
 * day's numbers continue that many further on in every category.
 *
 * <p>Threading: {@link #next} runs in the caller's transaction; the floor is replaced whole
 * (volatile). Failure: a day with no number left is an {@link IssueRefusedException}.
 */
final class Numbering {
    /** On {@code day} each category's numbers continue past {@code floor} (or {@code lost} for a category without tickets then). */
    private record Floor(LocalDate day, int lost, Map<String, Integer> floor) {
    }

    private volatile Floor floor;

    /** The next number of {@code category} on {@code day}. */
    int next(Connection c, LocalDate day, String category) throws SQLException {
        int last;
        PreparedStatement s = OfficeDatabase.prepared(c, "SELECT COALESCE(MAX(number), 0) FROM tickets WHERE office_day = ? AND category = ?");
        s.setString(1, day.toString());
        s.setString(2, category);
        try (ResultSet r = s.executeQuery()) {
            r.next();
            last = r.getInt(1);
        }
        Floor f = floor;
        if (f != null && f.day().equals(day)) {
            last = Math.max(last, f.floor().getOrDefault(category, f.lost()));
        }
        if (last >= TicketNumber.MAX_SEQUENCE) {
            throw new IssueRefusedException(ReplyCode.INVALID_STATE, Texts.dayFull(category));
        }
        return last + 1;
    }

    /**
     * After staff accepted a database that lost {@code lost} committed changes: on {@code day} each
     * category continues at least {@code lost} past its highest stored number, so a number printed
     * by a lost change is never given again.
     */
    void skipLost(OfficeDatabase db, LocalDate day, int lost) {
        Map<String, Integer> highest = new HashMap<>();
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT category, MAX(number) FROM tickets WHERE office_day = ? GROUP BY category")) {
                s.setString(1, day.toString());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        highest.put(r.getString(1), r.getInt(2) + lost);
                    }
                }
            }
            return null;
        });
        floor = new Floor(day, lost, Map.copyOf(highest));
    }
}
