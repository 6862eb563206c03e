package tw.jiaohao.hub.stats;

import java.util.Optional;

/**
 * Port: the tickets the rollup rules read and update while one batch is applied. The store
 * implements it over its ticket table inside the batch's transaction. Single-threaded.
 */
public interface TicketBook {
    Optional<TicketFacts> find(String office, String ticketId);

    void put(TicketFacts facts);
}
