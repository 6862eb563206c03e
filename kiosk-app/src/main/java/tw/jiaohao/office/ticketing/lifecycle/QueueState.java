package tw.jiaohao.office.ticketing.lifecycle;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of an office a command or an event touches: some tickets and some counters, by id and
 * number. Immutable; {@link Lifecycle#apply} returns a new one. The caller loads what the command
 * names (the counter, its current and last ticket, the ticket named, the ticket to call); what is
 * not in the state is, for {@link Lifecycle#decide}, unknown.
 */
public record QueueState(Map<String, Ticket> tickets, Map<Integer, Counter> counters) {
    public static final QueueState EMPTY = new QueueState(Map.of(), Map.of());

    public QueueState {
        tickets = Map.copyOf(Objects.requireNonNull(tickets, "tickets"));
        counters = Map.copyOf(Objects.requireNonNull(counters, "counters"));
    }

    /** A state of these tickets and counters. */
    public static QueueState of(Collection<Ticket> tickets, Collection<Counter> counters) {
        Map<String, Ticket> t = new HashMap<>();
        tickets.forEach(x -> t.put(x.ticketId(), x));
        Map<Integer, Counter> c = new HashMap<>();
        counters.forEach(x -> c.put(x.number(), x));
        return new QueueState(t, c);
    }

    public Optional<Ticket> ticket(String ticketId) {
        return ticketId == null ? Optional.empty() : Optional.ofNullable(tickets.get(ticketId));
    }

    public Optional<Counter> counter(int number) {
        return Optional.ofNullable(counters.get(number));
    }

    QueueState with(Ticket t) {
        Map<String, Ticket> next = new HashMap<>(tickets);
        next.put(t.ticketId(), t);
        return new QueueState(next, counters);
    }

    QueueState with(Counter c) {
        Map<Integer, Counter> next = new HashMap<>(counters);
        next.put(c.number(), c);
        return new QueueState(tickets, next);
    }
}
