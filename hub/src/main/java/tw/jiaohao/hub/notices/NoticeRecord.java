package tw.jiaohao.hub.notices;

import java.time.Instant;
import java.util.List;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.Topics;
import tw.jiaohao.protocol.notice.Notice;

/**
 * A notice as the hub keeps it: the protocol {@link Notice}, the offices it is for (empty =
 * every office, published on {@code hub/notice/all}), who wrote it, and whether it was
 * withdrawn early.
 */
public record NoticeRecord(Notice notice, List<String> offices, String createdBy, Instant createdAt,
                           Instant withdrawnAt, String withdrawnBy) {
    public NoticeRecord {
        if (notice == null || createdBy == null || createdAt == null) {
            throw new HubException("a notice record needs the notice, its author and creation time");
        }
        offices = List.copyOf(offices);
        for (String o : offices) {
            if (!Check.IDENTIFIER.matcher(o).matches() || o.equals(Topics.ALL_OFFICES)) {
                throw new HubException("'" + o + "' is not an office id (a-z, 0-9, '-'; 'all' means every office: leave the list empty)");
            }
        }
    }

    public String id() {
        return notice.id();
    }

    public boolean forAllOffices() {
        return offices.isEmpty();
    }

    /** The retained topics' scopes this notice is published under. */
    public List<String> scopes() {
        return forAllOffices() ? List.of(Topics.ALL_OFFICES) : offices;
    }

    /** In force on the boards at {@code now}: neither ended nor withdrawn (it may not have started yet). */
    public boolean inForceAt(Instant now) {
        return withdrawnAt == null && now.isBefore(notice.endsAt());
    }

    public boolean visibleTo(String office) {
        return forAllOffices() || offices.contains(office);
    }
}
