package tw.jiaohao.office.ticketing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import tw.jiaohao.protocol.event.Rating;
import tw.jiaohao.protocol.event.TicketState;
import tw.jiaohao.protocol.state.StateSnapshot.TicketView;

/** One row of the tickets table. */
record TicketRow(long id, String ticketId, LocalDate officeDay, String category, int number, TicketState state,
                 Instant issuedAt, Integer counter, Instant calledAt, Instant servingAt, Instant endedAt,
                 Rating rating) {

    static final String COLUMNS = "id, ticket_id, office_day, category, number, state, issued_at, counter, "
            + "called_at, serving_at, ended_at, rating";

    static TicketRow read(ResultSet r) throws SQLException {
        return new TicketRow(r.getLong(1), r.getString(2), OfficeDays.parse(r.getString(3)), r.getString(4), r.getInt(5),
                TicketState.valueOf(r.getString(6)), Instant.ofEpochMilli(r.getLong(7)),
                (Integer) r.getObject(8), instant(r, 9), instant(r, 10), instant(r, 11),
                r.getString(12) == null ? null : Rating.valueOf(r.getString(12)));
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    String numberText() {
        return String.format("%s%03d", category, number);
    }

    TicketView view() {
        return view(ticketId, numberText(), category, state, issuedAt, calledAt, servingAt, endedAt);
    }

    /** A ticket as the counters and boards show it: "since" is when it entered its state. */
    static TicketView view(String ticketId, String number, String category, TicketState state, Instant issuedAt, Instant calledAt,
                           Instant servingAt, Instant endedAt) {
        Instant since = switch (state) {
            case CALLED -> calledAt;
            case SERVING -> servingAt;
            case WAITING -> issuedAt;
            default -> endedAt != null ? endedAt : issuedAt;
        };
        return new TicketView(ticketId, number, category, state, issuedAt, since);
    }
}
