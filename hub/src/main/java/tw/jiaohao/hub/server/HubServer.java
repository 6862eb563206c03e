package tw.jiaohao.hub.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.LogOnce;
import tw.jiaohao.hub.auth.AuthService;
import tw.jiaohao.hub.auth.Session;

/**
 * The hub's one web server: it owns Javalin, and with it authentication and authorisation for
 * every route. Features ({@link WebFeature}) add their routes through {@link Routes}, each with
 * an {@link Access} rule; before any handler runs, the guard reads the rule of the route Javalin
 * matched (so path variants — a trailing slash, another case, encoded characters, doubled
 * slashes — either match the same route under the same rule or match nothing), finds the session
 * (cookie {@value #SESSION_COOKIE}), checks the CSRF token of every request that is not a GET or
 * HEAD, the user's role and, where the rule names one, the office in the path. A route without a
 * rule is refused (deny by default). Every answer carries the security headers; every answer to a
 * signed-in route carries {@code Cache-Control: no-store} unless its handler sets a weaker policy
 * for data without personal data. Bad input answers 400 with a message and is not logged with a
 * stack trace; only bugs (an exception no one mapped) are. Thread-safe (Jetty's pool).
 */
public final class HubServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubServer.class);
    public static final String SESSION_COOKIE = "jiaohao_session";
    static final String SESSION_ATTRIBUTE = "session";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /** Renders a refused page request (not {@code /api/…}, not {@code /export/…}) as the feature's HTML error page. */
    @FunctionalInterface
    public interface ErrorPage {
        void render(Context ctx, int status, String message);
    }

    /** One registered route and its rule, as the server's registry holds it. */
    public record Route(String method, String path, Access access) {
    }

    private final AuthService auth;
    private final LogOnce refusals;
    private final Map<String, Boolean> unruled = new ConcurrentHashMap<>();
    private final Javalin app;

    /**
     * @param features  every feature's routes, added in this order
     * @param errorPage how a refused page looks (JSON errors and login redirects are the server's)
     */
    public HubServer(AuthService auth, ObjectMapper json, Clock clock, ErrorPage errorPage, List<WebFeature> features) {
        this.auth = auth;
        this.refusals = new LogOnce(clock, Duration.ofMinutes(1));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // a few dozen threads: requests are short (rollup reads, shared snapshots) and the
            // store has 4 read connections; Jetty's default of 250 only adds contention
            config.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(32, 4, 60_000);
            config.jsonMapper(new JavalinJackson(json, false));
            // static files are public: the dashboard's CSS and script, and the Chart.js webjar
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/static";
                sf.directory = "/web/static";
                sf.location = Location.CLASSPATH;
                sf.roles = Set.of(Access.ANYONE);
            });
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/webjars";
                sf.directory = "META-INF/resources/webjars";
                sf.location = Location.CLASSPATH;
                sf.roles = Set.of(Access.ANYONE);
            });
            config.routes.before(HubServer::securityHeaders);
            config.routes.beforeMatched(this::guard);
            Routes routes = new Routes(config);
            routes.get("/favicon.ico", Access.ANYONE, ctx -> ctx.status(204));
            for (WebFeature f : features) {
                f.addTo(routes);
            }
            config.routes.exception(HttpError.class, (e, ctx) -> refuse(ctx, e.status(), e.getMessage(), errorPage));
            // Javalin's own refusals (no such endpoint, a body it cannot read): the same answers, no internals
            config.routes.exception(HttpResponseException.class, (e, ctx) -> refuse(ctx, e.getStatus(),
                    e.getStatus() == 404 ? "no such path" : e.getMessage(), errorPage));
            config.routes.exception(Exception.class, (e, ctx) -> {
                // a bug: its stack trace once per route and minute, the repeats counted, so a caller
                // who found it cannot fill the log with it
                String route = route(ctx);
                long unlogged = refusals.tick("bug", route + " " + e.getClass().getName());
                if (unlogged >= 0) {
                    log.error("request {} failed{}", route, unlogged == 0 ? "" : " (and " + unlogged + " times more since the last line)", e);
                }
                ctx.status(500).json(Map.of("error", "internal error; see the hub's log"));
            });
            config.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                boolean page = type != null && type.startsWith("text/html") && ctx.result() != null && !ctx.result().isEmpty();
                if (!page && (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{"))) {
                    ctx.json(Map.of("error", "no such path"));
                }
            });
        });
    }

    /** Starts listening; port 0 picks a free one. */
    public HubServer start(String host, int port) {
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            throw new HubException("cannot serve HTTP on " + host + ":" + port + " (" + e.getMessage()
                    + "); is the port taken? set http.port", e);
        }
        log.info("HTTP on http://{}:{}/ ({} routes, each with its access rule)", host, app.port(), routes().size());
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every route in Javalin's registry with its rule (null: none, so unreachable). */
    public List<Route> routes() {
        List<Route> out = new ArrayList<>();
        for (ParsedEndpoint p : app.unsafe.internalRouter.allHttpHandlers()) {
            if (p.endpoint.method.isHttpMethod()) {
                Roles roles = p.endpoint.metadata(Roles.class);
                out.add(new Route(p.endpoint.method.name(), p.endpoint.path, roles == null ? null : rule(roles.getRoles())));
            }
        }
        return out;
    }

    /** Refused or failed requests since start, by kind: {@code unauthenticated}, {@code csrf}, {@code forbidden}, {@code no-rule}, {@code bug} (a 500). */
    public long refused(String kind) {
        return refusals.count(kind);
    }

    @Override
    public void close() {
        app.stop();
    }

    // ---- the guard ---------------------------------------------------------------------------

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
    }

    private void guard(Context ctx) {
        Access rule = rule(ctx.routeRoles());
        if (rule == null) {
            String route = route(ctx);
            if (HandlerType.HEAD.equals(ctx.method())) {
                // Javalin answers HEAD through an endpoint of its own, without the GET route's rule:
                // refused like any path without a rule (nothing here needs HEAD), but not a bug to log
                throw new HttpError(404, "no such path");
            }
            refusals.tick("no-rule", route);
            if (unruled.putIfAbsent(route, Boolean.TRUE) == null) {
                log.error("route {} has no access rule; refused (add it with an Access rule)", route);
            }
            throw new HttpError(404, "no such path");
        }
        if (rule.anyone()) {
            return;
        }
        Optional<Session> session = auth.session(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            refusals.tick("unauthenticated", ctx.ip());
            throw new HttpError(401, "log in first (POST /api/login, or the login page)");
        }
        Session s = session.get();
        ctx.attribute(SESSION_ATTRIBUTE, s);
        ctx.header("Cache-Control", "no-store");
        if (!HandlerType.GET.equals(ctx.method()) && !HandlerType.HEAD.equals(ctx.method())) {
            String token = ctx.header("X-CSRF-Token");
            if (token == null) {
                token = ctx.formParam("_csrf");
            }
            if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8))) {
                long unlogged = refusals.tick("csrf", s.user().username());
                if (unlogged >= 0) {
                    log.warn("request {} by {} refused: missing or wrong CSRF token{}", route(ctx), s.user().username(),
                            unlogged == 0 ? "" : " (" + unlogged + " more since the last line)");
                }
                throw new HttpError(403, "missing or wrong CSRF token; reload the page (API clients: send X-CSRF-Token from /api/login)");
            }
        }
        String office = rule.officeParam() == null ? null : ctx.pathParam(rule.officeParam());
        if (!rule.allows(s.user(), office)) {
            refusals.tick("forbidden", s.user().username());
            throw new HttpError(403, office != null && rule.roles().contains(s.user().role())
                    ? "user " + s.user().username() + " may not see office " + office
                    : "this needs the role " + rule.roles().stream().map(Enum::name).sorted().toList());
        }
    }

    /** The method and the registered path of the route matched (never the raw path, which a caller chose). */
    private static String route(Context ctx) {
        try {
            return ctx.method() + " " + ctx.endpoints().matchedHttpEndpoint().path;
        } catch (RuntimeException e) {
            return ctx.method() + " (no route)"; // none matched yet
        }
    }

    private static Access rule(Set<RouteRole> roles) {
        Access found = null;
        for (RouteRole r : roles) {
            if (r instanceof Access a) {
                if (found != null) {
                    return null; // two rules: ambiguous, so none
                }
                found = a;
            }
        }
        return found;
    }

    private static void refuse(Context ctx, int status, String message, ErrorPage errorPage) {
        String path = ctx.path().toLowerCase(Locale.ROOT);
        if (path.startsWith("/api/") || path.startsWith("/export/")) {
            ctx.status(status).json(Map.of("error", message));
        } else if (status == 401) {
            ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
        } else {
            errorPage.render(ctx, status, message);
        }
    }
}
