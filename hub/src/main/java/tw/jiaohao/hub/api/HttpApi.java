package tw.jiaohao.hub.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.ingest.IngestMetrics;
import tw.jiaohao.hub.stats.OfficeFigures;
import tw.jiaohao.hub.store.HubStore;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.codec.JsonCodec;

/**
 * The hub's JSON API (docs/hub/API.md):
 * <ul>
 *   <li>{@code GET /api/offices} — every office at a glance;</li>
 *   <li>{@code GET /api/offices/{office}/days/{date}} — one office-day's figures;</li>
 *   <li>{@code GET /api/offices/{office}/figures?from=&to=} — the same over a date range;</li>
 *   <li>{@code GET /api/ingest} — ingest counters.</li>
 * </ul>
 * Errors are JSON {@code {"error": "..."}} with 400 (bad office id or date) or 404 (unknown
 * office or path). Reads come from rollups only. Thread-safe (Jetty's pool).
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    /** Longest range one figures request may cover. */
    public static final int MAX_RANGE_DAYS = 3660;

    private final HubStore store;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final ZoneId officeZone;
    private final Javalin app;

    public HttpApi(HubStore store, IngestMetrics metrics, JsonCodec codec, Clock clock, ZoneId officeZone) {
        this(store, metrics, codec, clock, officeZone, config -> { });
    }

    /**
     * @param extension adds further routes, filters and static files to the same server (the
     *                  dashboard, {@link tw.jiaohao.hub.web.DashboardWeb}), which also guards these paths
     */
    public HttpApi(HubStore store, IngestMetrics metrics, JsonCodec codec, Clock clock, ZoneId officeZone,
                   java.util.function.Consumer<io.javalin.config.JavalinConfig> extension) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.officeZone = officeZone;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // a few dozen threads: requests are short (rollup reads, shared snapshots) and the
            // store has 4 read connections; Jetty's default of 250 only adds contention
            config.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(32, 4, 60_000);
            config.jsonMapper(new JavalinJackson(codec.mapper(), false));
            extension.accept(config);
            config.routes.get("/api/offices", this::offices);
            config.routes.get("/api/offices/{office}/days/{date}", this::day);
            config.routes.get("/api/offices/{office}/figures", this::range);
            config.routes.get("/api/ingest", ctx -> ctx.json(metrics.snapshot()));
            config.routes.exception(BadRequest.class, (e, ctx) -> ctx.status(e.status).json(Map.of("error", e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("API request {} failed", ctx.path(), e);
                ctx.status(500).json(Map.of("error", "internal error; see the hub's log"));
            });
            config.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                boolean page = type != null && type.startsWith("text/html") && ctx.result() != null && !ctx.result().isEmpty();
                if (!page && (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{"))) {
                    ctx.json(Map.of("error", "no such path: " + ctx.path()));
                }
            });
        });
    }

    /** Starts listening; port 0 picks a free one. */
    public HttpApi start(String host, int port) {
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            throw new HubException("cannot serve HTTP on " + host + ":" + port + " (" + e.getMessage()
                    + "); is the port taken? set http.port", e);
        }
        log.info("HTTP API on http://{}:{}/api/offices", host, app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void offices(Context ctx) {
        ctx.json(store.offices(LocalDate.now(clock.withZone(officeZone))));
    }

    private void day(Context ctx) {
        String office = knownOffice(ctx.pathParam("office"));
        LocalDate day = date("date", ctx.pathParam("date"));
        ctx.json(OfficeFigures.of(office, day, day, store.rollups(office, day, day)));
    }

    private void range(Context ctx) {
        String office = knownOffice(ctx.pathParam("office"));
        LocalDate from = date("from", required(ctx, "from"));
        LocalDate to = date("to", required(ctx, "to"));
        if (to.isBefore(from)) {
            throw new BadRequest(400, "to (" + to + ") is before from (" + from + ")");
        }
        if (from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
            throw new BadRequest(400, "range longer than " + MAX_RANGE_DAYS + " days; ask in parts");
        }
        ctx.json(OfficeFigures.of(office, from, to, store.rollups(office, from, to)));
    }

    private String knownOffice(String office) {
        if (!Check.IDENTIFIER.matcher(office).matches()) {
            throw new BadRequest(400, "office id must be 1-32 of a-z, 0-9 and '-'");
        }
        if (!store.knowsOffice(office)) {
            throw new BadRequest(404, "no office '" + office + "' has reported to this hub");
        }
        return office;
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new BadRequest(400, "query parameter " + name + " (YYYY-MM-DD) is required");
        }
        return v;
    }

    private static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequest(400, name + " must be a date YYYY-MM-DD such as 2026-11-22");
        }
    }

    /** A request the client must fix; its message is safe to return as is. */
    static final class BadRequest extends HubException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
