package tw.jiaohao.hub.web;

import static tw.jiaohao.hub.web.Html.esc;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.live.LiveBoard;
import tw.jiaohao.hub.store.StoredTicket;
import tw.jiaohao.process.Bugs;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.event.TicketId;
import tw.jiaohao.protocol.event.TicketState;
import tw.jiaohao.protocol.state.StateSnapshot;

/**
 * The public page the kiosk's QR code points at: {@code GET /t/{office}/{day}/{number}}. No
 * login and no personal data: the ticket's state (waiting, called to counter N, being served,
 * done …), the people ahead and the estimate now, from the office's retained state snapshot
 * (the {@link LiveBoard}) and the stored events. A small page for phones in Chinese or English
 * ({@code ?lang=en}) that reloads itself every {@value #REFRESH_SECONDS} s. Unknown tickets get
 * a friendly 404, a store that fails a 503 asking to try again (the bug logged and counted);
 * each client address may load it {@code perMinute} times a minute (429 after).
 */
public final class TicketPage {
    private static final Logger log = LoggerFactory.getLogger(TicketPage.class);
    static final int REFRESH_SECONDS = 15;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** Port: a stored ticket by office and ticket id. */
    @FunctionalInterface
    public interface Tickets {
        Optional<StoredTicket> ticket(String office, String ticketId);
    }

    private final Tickets tickets;
    private final LiveBoard live;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final int perMinute;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>(); // address -> {minute, count}
    private final AtomicLong limited = new AtomicLong();

    /** @param perMinute page loads allowed per client address and minute ({@code web.ticket-page-per-minute}) */
    public TicketPage(Tickets tickets, LiveBoard live, Clock clock, ZoneId defaultZone, int perMinute) {
        this.tickets = tickets;
        this.live = live;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.perMinute = perMinute;
    }

    /** Requests refused by the rate limit since start. */
    public long limitedCount() {
        return limited.get();
    }

    void handle(Context ctx) {
        I18n t = I18n.of(ctx.queryParam("lang"));
        ctx.header("Cache-Control", "no-store");
        if (!allow(ctx.ip())) {
            ctx.header("Retry-After", "60");
            ctx.status(429).html(page(t, null, t.t("ticket.title"), "<p class=\"state\" id=\"state\">" + esc(t.t("ticket.tooMany"))
                    + "</p>", false));
            return;
        }
        String office = ctx.pathParam("office");
        String day = ctx.pathParam("day");
        String number = ctx.pathParam("number");
        Optional<StoredTicket> found = Optional.empty();
        String id = Check.IDENTIFIER.matcher(office).matches() && validDay(day) ? validTicketId(day + "/" + number) : null;
        if (id != null) {
            try {
                found = tickets.ticket(office, id);
            } catch (RuntimeException e) {
                // the store failing is not an unknown ticket: the customer is told to try again
                Bugs.caught(log, "ticket page look-up", e);
                ctx.header("Retry-After", "30");
                ctx.status(503).html(page(t, null, t.t("ticket.title"), "<p class=\"state\" id=\"state\">"
                        + esc(t.t("ticket.unavailable")) + "</p>", false));
                return;
            }
        }
        if (found.isEmpty()) {
            ctx.status(404).html(page(t, null, t.t("ticket.title"), "<p class=\"state\" id=\"state\">" + esc(t.t("ticket.unknown"))
                    + "</p><p class=\"hint\">" + esc(t.t("ticket.unknownHint")) + "</p>", false));
            return;
        }
        ctx.html(render(t, found.get(), ctx.path()));
    }

    private static String validTicketId(String id) {
        try {
            return TicketId.check("ticket", id);
        } catch (InvalidMessageException e) {
            return null;
        }
    }

    private static boolean validDay(String day) {
        try {
            LocalDate.parse(day);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private boolean allow(String address) {
        long minute = clock.millis() / 60_000;
        if (windows.size() > 10_000) {
            windows.entrySet().removeIf(e -> e.getValue()[0] != minute);
        }
        long[] w = windows.compute(address, (k, old) -> old == null || old[0] != minute ? new long[] {minute, 1}
                : new long[] {minute, old[1] + 1});
        if (w[1] > perMinute) {
            if (w[1] == perMinute + 1) {
                log.warn("ticket page: client {} over {} requests a minute, refused until the minute ends", address, perMinute);
            }
            limited.incrementAndGet();
            return false;
        }
        return true;
    }

    private String render(I18n t, StoredTicket ticket, String path) {
        Optional<StateSnapshot> snap = live.state(ticket.office());
        String number = TicketId.number(ticket.ticketId());
        LocalDate day = TicketId.day(ticket.ticketId());
        ZoneId zone = snap.map(s -> ZoneId.of(s.zone())).orElse(defaultZone);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        StateSnapshot.CounterView atCounter = snap.filter(s -> s.officeDay().equals(day)).flatMap(s -> s.counters().stream()
                .filter(c -> c.current() != null && c.current().ticketId().equals(ticket.ticketId())).findFirst()).orElse(null);
        TicketState state = ticket.state();
        if (atCounter != null && !state.isFinal()) {
            state = atCounter.current().state(); // the snapshot is newer than the stored events
        }
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"number\" id=\"number\">").append(esc(number)).append("</p>");
        String css = "state s-" + state.name().toLowerCase(java.util.Locale.ROOT);
        switch (state) {
            case WAITING -> {
                if (day.isBefore(today)) {
                    b.append(line(css, t.t("ticket.expired")));
                    break;
                }
                b.append(line(css, t.t("ticket.waiting")));
                int ahead = ticket.waitingAhead();
                b.append("<dl class=\"facts\"><dt>").append(esc(t.t("ticket.ahead"))).append("</dt><dd id=\"ahead\">").append(ahead)
                        .append("</dd>");
                String minutes = estimate(snap.orElse(null), ticket.category(), ahead, day);
                if (minutes != null) {
                    b.append("<dt>").append(esc(t.t("ticket.estimate"))).append("</dt><dd id=\"estimate\">")
                            .append(esc(t.t("ticket.minutes", minutes))).append("</dd>");
                }
                snap.filter(s -> s.officeDay().equals(day)).flatMap(s -> s.categories().stream()
                        .filter(c -> c.code().equals(ticket.category()) && c.lastCalled() != null).findFirst())
                        .ifPresent(c -> b.append("<dt>").append(esc(t.t("ticket.nowCalling"))).append("</dt><dd id=\"now-calling\">")
                                .append(esc(c.lastCalled())).append("</dd>"));
                b.append("</dl>");
            }
            case CALLED -> b.append(line(css, atCounter == null ? t.t("ticket.calledNoCounter")
                    : t.t("ticket.called", atCounter.name())));
            case SERVING -> b.append(line(css, atCounter == null ? t.t("ticket.servingNoCounter")
                    : t.t("ticket.serving", atCounter.name())));
            case DONE -> b.append(line(css, t.t("ticket.done")));
            case NO_SHOW -> b.append(line(css, t.t("ticket.noShow")));
            case TRANSFERRED -> b.append(line(css, t.t("ticket.transferred")));
            case CANCELLED -> b.append(line(css, t.t("ticket.cancelled")));
        }
        Instant asOf = snap.map(StateSnapshot::at).orElse(clock.instant());
        b.append("<p class=\"hint\" id=\"as-of\">").append(esc(t.t("ticket.asOf", HH_MM.format(asOf.atZone(zone)), REFRESH_SECONDS)))
                .append("</p>");
        String other = t.lang().equals("en") ? "zh" : "en";
        b.append("<p class=\"lang\"><a id=\"lang-switch\" href=\"").append(esc(path)).append("?lang=").append(other).append("\">")
                .append(esc(t.t("lang.switch"))).append("</a></p>");
        String office = snap.map(StateSnapshot::officeName).orElse(ticket.office());
        return page(t, office, t.t("ticket.title"), b.toString(), !state.isFinal());
    }

    /**
     * Minutes for {@code ahead} people, e.g. {@code 8–17}: the snapshot's estimate (and range) for
     * a new ticket, shared out over those waiting now; null when there is none to give, including
     * when no open counter serves the category (no wait is promised then).
     */
    private static String estimate(StateSnapshot s, String category, int ahead, LocalDate day) {
        if (s == null || !s.officeDay().equals(day)) {
            return null;
        }
        for (StateSnapshot.CategoryView c : s.categories()) {
            if (c.code().equals(category)) {
                if (!c.served()) {
                    return null;
                }
                if (ahead == 0 || c.waiting() == 0) {
                    return "0";
                }
                double share = (double) Math.min(ahead, c.waiting()) / c.waiting();
                if (c.estimateLowMinutes() == null) {
                    return String.valueOf(Math.round(c.estimateMinutes() * share));
                }
                long low = Math.round(c.estimateLowMinutes() * share);
                long high = Math.round(c.estimateHighMinutes() * share);
                return low == high ? String.valueOf(high) : low + "–" + high;
            }
        }
        return null;
    }

    private static String line(String css, String text) {
        return "<p class=\"" + css + "\" id=\"state\">" + esc(text) + "</p>";
    }

    private static String page(I18n t, String office, String title, String body, boolean refresh) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<!doctype html><html lang=\"").append(t.htmlLang()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (refresh) {
            b.append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">");
        }
        b.append("<meta name=\"robots\" content=\"noindex\"><title>").append(esc(title)).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/ticket.css\"></head><body class=\"ticket\"><main>")
                .append("<h1>").append(esc(office == null ? t.t("ticket.title") : office)).append("</h1>")
                .append(body).append("</main></body></html>");
        return b.toString();
    }
}
