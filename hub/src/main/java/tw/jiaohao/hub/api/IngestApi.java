package tw.jiaohao.hub.api;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import tw.jiaohao.hub.ingest.IngestMetrics;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.HttpError;
import tw.jiaohao.hub.server.Requests;
import tw.jiaohao.hub.server.Routes;
import tw.jiaohao.hub.server.WebFeature;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.hub.store.HubStore;
import tw.jiaohao.protocol.Check;

/**
 * The ingest's JSON API (docs/hub/API.md), a feature of the hub's web server:
 * <ul>
 *   <li>{@code GET /api/offices} — every office at a glance (head office);</li>
 *   <li>{@code GET /api/offices/{office}/days/{date}} — one office-day's figures (users who may see the office);</li>
 *   <li>{@code GET /api/offices/{office}/figures?from=&to=} — the same over a date range;</li>
 *   <li>{@code GET /api/ingest} — ingest counters (head office).</li>
 * </ul>
 * With {@code web.ingest-api-public=true} all four answer without a login (monitoring on a
 * trusted network). Errors are JSON {@code {"error": "..."}} with 400 (bad office id or date) or
 * 404 (unknown office or path). Reads come from rollups only. Thread-safe.
 */
public final class IngestApi implements WebFeature {
    /** Longest range one figures request may cover. */
    public static final int MAX_RANGE_DAYS = 3660;

    private final HubStore store;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final ZoneId officeZone;
    private final boolean anyone;

    /** @param anyone {@code web.ingest-api-public}: the four paths answer without a login */
    public IngestApi(HubStore store, IngestMetrics metrics, Clock clock, ZoneId officeZone, boolean anyone) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.officeZone = officeZone;
        this.anyone = anyone;
    }

    @Override
    public void addTo(Routes routes) {
        Access all = anyone ? Access.ANYONE : Access.HEAD_OFFICE;
        Access office = anyone ? Access.ANYONE : Access.SIGNED_IN.seeingOffice("office");
        routes.get("/api/offices", all, this::offices);
        routes.get("/api/offices/{office}/days/{date}", office, this::day);
        routes.get("/api/offices/{office}/figures", office, this::range);
        routes.get("/api/ingest", all, ctx -> ctx.json(metrics.snapshot()));
    }

    private void offices(Context ctx) {
        ctx.json(store.offices(LocalDate.now(clock.withZone(officeZone))));
    }

    private void day(Context ctx) {
        String office = knownOffice(ctx.pathParam("office"));
        LocalDate day = Requests.date("date", ctx.pathParam("date"));
        ctx.json(OfficeFigures.of(office, day, day, store.rollups(office, day, day)));
    }

    private void range(Context ctx) {
        String office = knownOffice(ctx.pathParam("office"));
        LocalDate from = Requests.date("from", required(ctx, "from"));
        LocalDate to = Requests.date("to", required(ctx, "to"));
        if (to.isBefore(from)) {
            throw new HttpError(400, "to (" + to + ") is before from (" + from + ")");
        }
        if (from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
            throw new HttpError(400, "range longer than " + MAX_RANGE_DAYS + " days; ask in parts");
        }
        ctx.json(OfficeFigures.of(office, from, to, store.rollups(office, from, to)));
    }

    private String knownOffice(String office) {
        if (!Check.IDENTIFIER.matcher(office).matches()) {
            throw new HttpError(400, "office id must be 1-32 of a-z, 0-9 and '-'");
        }
        if (!store.knowsOffice(office)) {
            throw new HttpError(404, "no office '" + office + "' has reported to this hub");
        }
        return office;
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new HttpError(400, "query parameter " + name + " (YYYY-MM-DD) is required");
        }
        return v;
    }
}
