package tw.jiaohao.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.alerts.Alert;
import tw.jiaohao.hub.alerts.AlertService;
import tw.jiaohao.hub.auth.AuthService;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.Session;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.notices.NoticeDefaults;
import tw.jiaohao.hub.notices.NoticeDraft;
import tw.jiaohao.hub.notices.NoticeRecord;
import tw.jiaohao.hub.notices.NoticeRejectedException;
import tw.jiaohao.hub.notices.NoticeService;
import tw.jiaohao.hub.report.CounterTime;
import tw.jiaohao.hub.report.DistrictComparison;
import tw.jiaohao.hub.report.NetworkComparison;
import tw.jiaohao.hub.report.Figures;
import tw.jiaohao.hub.report.OfficeToday;
import tw.jiaohao.hub.report.RangeReport;
import tw.jiaohao.hub.report.WaitsByHour;
import tw.jiaohao.hub.report.ReportService;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.HttpError;
import tw.jiaohao.hub.server.HubServer;
import tw.jiaohao.hub.server.Requests;
import tw.jiaohao.hub.server.Routes;
import tw.jiaohao.hub.server.WebFeature;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.notice.NoticeKind;

/**
 * The managers' dashboard, a feature of the hub's web server ({@link HubServer}): login, the pages
 * (all offices, one office, alerts, notices), their JSON API under {@code /api/…} (described by
 * {@code /api/openapi.json} and docs/hub/API.md) and CSV exports under {@code /export/…}.
 *
 * <p>Each route is added with its {@link Access} rule (see {@link #addTo}); the server checks the
 * session (cookie {@value #SESSION_COOKIE}: HttpOnly, SameSite=Strict, Secure when configured), the
 * CSRF token of every POST, the role and the office in the path before a handler runs. Handlers
 * scope lists to the offices the user may see ({@link User#canSee}).
 */
public final class DashboardWeb implements WebFeature {
    private static final Logger log = LoggerFactory.getLogger(DashboardWeb.class);
    public static final String SESSION_COOKIE = HubServer.SESSION_COOKIE;
    static final String LOGIN_CSRF_COOKIE = "jiaohao_login";
    static final String LANG_COOKIE = "jiaohao_lang";

    private final AuthService auth;
    private final ReportService reports;
    private final AlertService alerts;
    private final NoticeService notices;
    private final WebSettings settings;
    private final Clock clock;
    private final ObjectMapper json;
    private final Pages pages;
    private final SecureRandom random = new SecureRandom();
    private final byte[] openApi;
    private final OverviewSnapshots overviews;
    private final TicketPage ticketPage;
    private volatile CasePages casePages;
    private volatile tw.jiaohao.hub.districts.Districts districts;
    /** Refused dashboard forms (settings, notices' defaults, notices), counted by kind and logged once per kind and source. */
    private final tw.jiaohao.hub.ingest.RefusalLog formRefusals = new tw.jiaohao.hub.ingest.RefusalLog(log);
    /** The refusal kind of a notice form with a date-time that cannot be read. */
    static final String REFUSED_NOTICE = "refused notice form";

    public DashboardWeb(AuthService auth, ReportService reports, AlertService alerts, NoticeService notices, WebSettings settings,
                        Clock clock, ObjectMapper json, TicketPage ticketPage) {
        this.ticketPage = ticketPage;
        this.auth = auth;
        this.reports = reports;
        this.alerts = alerts;
        this.notices = notices;
        this.settings = settings;
        this.clock = clock;
        this.json = json;
        this.pages = new Pages(json, settings.zone(), settings.pollSeconds());
        this.overviews = new OverviewSnapshots(scope -> reports.overview(
                OverviewSnapshots.ALL.equals(scope) ? reports.offices() : List.of(scope), alerts.openCounts()),
                json, java.time.Duration.ofSeconds(1), System::nanoTime);
        try (InputStream in = DashboardWeb.class.getResourceAsStream("/web/openapi.json")) {
            if (in == null) {
                throw new HubException("web/openapi.json missing from the hub's jar; rebuild the hub");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new HubException("cannot read web/openapi.json: " + e.getMessage(), e);
        }
    }

    /**
     * The cases JSON API ({@code /api/cases…}, docs/cases/API.md) and the case pages
     * ({@code /cases…}, {@code /export/cases.csv}, the case counts on the statistics pages), with
     * the signed-in user from the login session; to install into the same Javalin configuration
     * after this. Call once, before the server starts.
     */
    public WebFeature cases(tw.jiaohao.hub.cases.SelfServiceHub selfService) {
        CasePages p = new CasePages(selfService.cases(), selfService.api(this::staff), pages, settings.zone());
        casePages = p;
        pages.enableCases();
        return p;
    }

    /**
     * The staffing pages, JSON and CSV ({@code /offices/{office}/staffing…}, docs/STAFFING.md);
     * to install into the same server after this. Call once, before the server starts.
     */
    public WebFeature staffing(tw.jiaohao.hub.staffing.StaffingService staffing) {
        pages.enableStaffing();
        return new StaffingPages(staffing, pages);
    }

    /**
     * The "quoted vs actual" page, JSON and CSV of each office ({@link EstimatesWeb}); to install
     * into the same server after this. Call once, before the server starts.
     */
    public WebFeature estimates(tw.jiaohao.hub.estimates.EstimatesService estimates) {
        return new EstimatesWeb(estimates, reports, pages);
    }

    /** Head office's settings pages ({@code /settings…}, {@code /api/settings…}); to install into the same server. */
    public WebFeature settings(tw.jiaohao.hub.settings.SettingsService service,
                               java.util.function.Function<String, Optional<tw.jiaohao.protocol.state.StateSnapshot>> live) {
        return new SettingsPages(service, notices, formRefusals, pages, settings.zone(), live, reports::offices);
    }

    /**
     * Dashboard forms refused since start, by kind: {@code "refused settings form"},
     * {@code "refused notice defaults"}, {@code "refused notice form"} (a date-time that cannot be read).
     */
    public long formsRefused(String kind) {
        return formRefusals.count(kind);
    }

    /**
     * Head office's districts page ({@code /districts}, {@code /api/districts}) and, on each office
     * page and in {@code /api/dashboard/offices/{office}/district}, the office against its
     * district; to install into the same server. Call once, before the server starts.
     */
    public WebFeature districts(tw.jiaohao.hub.districts.Districts d) {
        districts = d;
        pages.enableDistricts();
        return new DistrictPages(d, pages, reports::offices, reports::officeName);
    }

    /** The case service's view of the request's user, from the session the guard found; empty when not signed in. */
    private Optional<tw.jiaohao.hub.cases.Staff> staff(Context ctx) {
        Session s = Requests.sessionOrNull(ctx);
        return s == null ? Optional.empty() : Optional.of(CasePages.staff(s));
    }

    /** Loads of the public ticket page refused by its rate limit since start. */
    public long ticketPageLimited() {
        return ticketPage.limitedCount();
    }

    /** Adds the dashboard's routes, each with its access rule, to the hub's web server. */
    @Override
    public void addTo(Routes r) {
        r.get("/", Access.ANYONE, ctx -> ctx.redirect("/offices"));
        r.get("/login", Access.ANYONE, this::loginPage);
        r.post("/login", Access.ANYONE, this::loginForm);
        r.get("/t/{office}/{day}/{number}", Access.ANYONE, ticketPage::handle); // the kiosk's QR code: no personal data
        r.get("/lang/{lang}", Access.ANYONE, this::language);
        r.get("/api/openapi.json", Access.ANYONE, ctx -> ctx.contentType("application/json").result(openApi));
        r.post("/api/login", Access.ANYONE, this::apiLogin);

        Access seeOffice = Access.SIGNED_IN.seeingOffice("office");
        Access handlers = Access.roles(Role.HEAD_OFFICE, Role.OFFICE_MANAGER);
        r.post("/logout", Access.SIGNED_IN, this::logout);
        r.get("/offices", Access.SIGNED_IN, this::officesPage);
        r.get("/offices/{office}", seeOffice, this::officePage);
        r.get("/alerts", Access.SIGNED_IN, this::alertsPage);
        r.get("/devices", Access.SIGNED_IN, ctx -> ctx.html(pages.devices(i18n(ctx), session(ctx), devices(session(ctx).user()),
                reports::officeName)));
        r.post("/alerts/{id}/handle", handlers, this::handleAlertForm);
        r.get("/notices", Access.SIGNED_IN, ctx -> noticesPage(ctx, Map.of(), null,
                ctx.queryParam("published") != null ? i18n(ctx).t("notices.published") : null));
        r.post("/notices", Access.HEAD_OFFICE, this::noticeForm);
        r.post("/notices/{id}/withdraw", Access.HEAD_OFFICE, this::withdrawForm);
        new UsersPages(auth, pages, settings.zone(), clock).addTo(r);

        r.post("/api/logout", Access.SIGNED_IN, this::logout);
        r.get("/api/me", Access.SIGNED_IN, ctx -> ctx.json(me(session(ctx))));
        r.get("/api/dashboard/offices", Access.SIGNED_IN, this::overviewJson);
        r.get("/api/dashboard/offices/{office}/report", seeOffice, ctx -> ctx.json(report(ctx)));
        r.get("/api/dashboard/offices/{office}/waits-by-hour", seeOffice, ctx -> ctx.json(waitsByHour(ctx)));
        r.get("/api/dashboard/offices/{office}/counter-time", seeOffice, ctx -> ctx.json(counterTime(ctx)));
        r.get("/api/dashboard/offices/{office}/district", seeOffice, ctx -> {
            DistrictComparison d = districtComparison(ctx);
            if (d == null) {
                throw new HttpError(404, "office " + office(ctx) + " is in no district; head office sets one on /districts");
            }
            ctx.json(d);
        });
        r.get("/api/dashboard/offices/{office}/week-over-week", seeOffice, ctx -> ctx.json(reports.weekOverWeek(ctx.pathParam("office"))));
        r.get("/compare", handlers, ctx -> {
            String sort = ctx.queryParam("sort") != null && ComparePages.SORTS.contains(ctx.queryParam("sort")) ? ctx.queryParam("sort") : "name";
            boolean descending = "desc".equals(ctx.queryParam("dir"));
            ctx.html(pages.page(i18n(ctx), session(ctx), "compare", i18n(ctx).t("compare.title"),
                    ComparePages.body(i18n(ctx), comparison(ctx), sort, descending)));
        });
        r.get("/compare/comparison.csv", handlers, ctx -> {
            NetworkComparison c = comparison(ctx);
            send(ctx, ComparePages.csv(c), "comparison-" + c.from() + "-" + c.to() + ".csv");
        });
        r.get("/api/dashboard/compare", handlers, ctx -> ctx.json(comparison(ctx)));
        r.get("/api/alerts", Access.SIGNED_IN, ctx -> ctx.json(alertList(ctx)));
        r.get("/api/devices", Access.SIGNED_IN, ctx -> ctx.json(devices(session(ctx).user())));
        r.post("/api/alerts/{id}/handle", handlers, ctx -> ctx.json(handleAlert(ctx)));
        r.get("/api/notices", Access.SIGNED_IN, ctx -> ctx.json(notices.recentFor(session(ctx).user(), 200)));
        r.post("/api/notices", Access.HEAD_OFFICE, this::apiNotice);
        r.post("/api/notices/{id}/withdraw", Access.HEAD_OFFICE, ctx -> {
            boolean done = notices.withdraw(session(ctx).user(), ctx.pathParam("id"));
            ctx.status(done ? 200 : 404).json(Map.of("withdrawn", done));
        });

        if (casePages == null) {
            // self-service is off: /cases says so and how to turn it on, instead of "no such path"
            r.get("/cases", Access.SIGNED_IN, ctx -> ctx.html(pages.page(i18n(ctx), session(ctx), "cases",
                    i18n(ctx).t("cases.title"), "<h1>" + Html.esc(i18n(ctx).t("cases.title")) + "</h1><p id=\"cases-off\">"
                            + Html.esc(i18n(ctx).t("cases.off")) + "</p>")));
        }
        r.get("/export/{file}", Access.SIGNED_IN, this::exportTop);
        r.get("/export/offices/{office}/{file}", seeOffice, this::exportOffice);

        r.exception(NoticeRejectedException.class, (e, ctx) -> {
            if (ctx.path().startsWith("/api/")) {
                ctx.status(400).json(Map.of("error", e.getMessage(), "field", e.field()));
            } else {
                errorPage(ctx, 400, e.getMessage());
            }
        });
    }

    /** The HTML error page of a refused page request (the server's {@link HubServer.ErrorPage}). */
    public void errorPage(Context ctx, int status, String message) {
        ctx.status(status).html(pages.error(i18n(ctx), Requests.sessionOrNull(ctx), status, message));
    }

    private static void requireOffice(User u, String office) {
        if (!u.canSee(office)) {
            throw new HttpError(403, "user " + u.username() + " may not see office " + office);
        }
    }

    private static Session session(Context ctx) {
        return Requests.session(ctx);
    }

    static I18n i18n(Context ctx) {
        String q = ctx.queryParam("lang");
        return I18n.of(q != null ? q : ctx.cookie(LANG_COOKIE));
    }

    // ---- login ----------------------------------------------------------------------------

    private void loginPage(Context ctx) {
        // keep a token the browser already holds: another tab or a background request may load this page too
        String held = ctx.cookie(LOGIN_CSRF_COOKIE);
        String token = held != null && held.matches("[A-Za-z0-9_-]{32}") ? held : randomToken();
        ctx.cookie(cookie(LOGIN_CSRF_COOKIE, token, 1800));
        ctx.html(pages.login(i18n(ctx), token, null, safeNext(ctx.queryParam("next"))));
    }

    private void loginForm(Context ctx) {
        I18n t = i18n(ctx);
        String expected = ctx.cookie(LOGIN_CSRF_COOKIE);
        String given = ctx.formParam("_csrf");
        String next = safeNext(ctx.formParam("next"));
        if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            String token = randomToken();
            ctx.cookie(cookie(LOGIN_CSRF_COOKIE, token, 1800));
            ctx.status(403).html(pages.login(t, token, t.t("login.expired"), next));
            return;
        }
        String password = ctx.formParam("password");
        AuthService.Outcome outcome = auth.login(ctx.formParam("username"), password == null ? new char[0] : password.toCharArray(), ctx.ip());
        if (outcome instanceof AuthService.Outcome.LoggedIn in) {
            ctx.removeCookie(LOGIN_CSRF_COOKIE, "/");
            ctx.cookie(cookie(SESSION_COOKIE, in.session().token(), -1));
            ctx.redirect(next);
            return;
        }
        String token = randomToken();
        ctx.cookie(cookie(LOGIN_CSRF_COOKIE, token, 1800));
        String error = outcome instanceof AuthService.Outcome.Throttled th
                ? t.t("login.throttled", Math.max(1, (th.retryAfter().toSeconds() + 59) / 60)) : t.t("login.refused");
        ctx.status(outcome instanceof AuthService.Outcome.Throttled ? 429 : 401).html(pages.login(t, token, error, next));
    }

    private void apiLogin(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.startsWith("application/json")) {
            throw new HttpError(415, "send {\"username\": …, \"password\": …} as application/json");
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new HttpError(400, "the body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw new HttpError(400, "send {\"username\": …, \"password\": …} as a JSON object");
        }
        String username = body.path("username").asText(null);
        String password = body.path("password").asText("");
        AuthService.Outcome outcome = auth.login(username, password.toCharArray(), ctx.ip());
        if (outcome instanceof AuthService.Outcome.LoggedIn in) {
            ctx.cookie(cookie(SESSION_COOKIE, in.session().token(), -1));
            Map<String, Object> out = new LinkedHashMap<>(me(in.session()));
            out.put("csrf", in.session().csrf());
            ctx.json(out);
        } else if (outcome instanceof AuthService.Outcome.Throttled th) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, th.retryAfter().toSeconds())));
            throw new HttpError(429, "too many failed logins; retry after " + Math.max(1, th.retryAfter().toSeconds()) + " s");
        } else {
            throw new HttpError(401, "wrong username or password");
        }
    }

    private void logout(Context ctx) {
        auth.logout(session(ctx));
        ctx.removeCookie(SESSION_COOKIE, "/");
        if (ctx.path().startsWith("/api/")) {
            ctx.json(Map.of("loggedOut", true));
        } else {
            ctx.redirect("/login");
        }
    }

    private void language(Context ctx) {
        String lang = "en".equals(ctx.pathParam("lang")) ? "en" : "zh";
        ctx.cookie(new Cookie(LANG_COOKIE, lang, "/", 365 * 24 * 3600, settings.cookieSecure(), true, null, SameSite.STRICT));
        String referer = ctx.header("Referer");
        String back = "/offices";
        if (referer != null) {
            try {
                java.net.URI uri = java.net.URI.create(referer);
                back = safeNext(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            } catch (IllegalArgumentException e) {
                back = "/offices";
            }
        }
        ctx.redirect(back);
    }

    private Cookie cookie(String name, String value, int maxAge) {
        return new Cookie(name, value, "/", maxAge, settings.cookieSecure(), true, null, SameSite.STRICT);
    }

    /**
     * Only a path on this site, so the login form cannot be used to redirect elsewhere: it starts
     * with one '/', holds only printable ASCII without a backslash (browsers drop tabs and line
     * breaks and read '\\' as '/', turning {@code /<TAB>/host} or {@code /\\host} into
     * {@code //host}), has no scheme or host, and is not the login page itself.
     */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000 || next.charAt(0) != '/') {
            return "/offices";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return "/offices";
            }
        }
        if (next.startsWith("//") || next.toLowerCase(java.util.Locale.ROOT).startsWith("/login")) {
            return "/offices";
        }
        try {
            java.net.URI uri = new java.net.URI(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
                return "/offices";
            }
        } catch (java.net.URISyntaxException e) {
            return "/offices";
        }
        return next;
    }

    private String randomToken() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Map<String, Object> me(Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", s.user().username());
        m.put("role", s.user().role());
        m.put("office", s.user().office());
        return m;
    }

    // ---- data ----------------------------------------------------------------------------

    private List<OfficeToday> overview(User u) {
        return overviews.get(scope(u)).rows();
    }

    /** The devices of the offices the user may see. */
    private List<tw.jiaohao.protocol.device.DeviceStatus> devices(User u) {
        return reports.devices(u.role() == Role.HEAD_OFFICE ? reports.offices() : List.of(u.office()));
    }

    private static String scope(User u) {
        return u.role() == Role.HEAD_OFFICE ? OverviewSnapshots.ALL : u.office();
    }

    /** The shared snapshot's bytes; 304 when the poller already holds them (If-None-Match). */
    private void overviewJson(Context ctx) {
        OverviewSnapshots.Snapshot snap = overviews.get(scope(session(ctx).user()));
        ctx.header("ETag", snap.etag());
        ctx.header("Cache-Control", "private, no-cache");
        if (snap.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(snap.json());
    }

    private String office(Context ctx) {
        String office = ctx.pathParam("office");
        if (!Check.IDENTIFIER.matcher(office).matches()) {
            throw new HttpError(400, "an office id is 1-32 of a-z, 0-9 and '-'");
        }
        requireOffice(session(ctx).user(), office);
        return office;
    }

    /** The {@code hours} parameter {@code H1-H2} as {from, to}; the whole day {0, 24} when absent; 400 when malformed. */
    static int[] hours(String hours) {
        if (hours == null || hours.isBlank()) {
            return new int[] {0, 24};
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,2})-([0-9]{1,2})").matcher(hours.strip());
        if (!m.matches()) {
            throw new HttpError(400, "hours: a range of local hours such as 14-15 (from 14:00 to 15:00), got '" + hours + "'");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private RangeReport report(Context ctx) {
        String office = office(ctx);
        LocalDate today = reports.today(office);
        LocalDate[] range = Pages.defaultRange(today);
        LocalDate from = Requests.date(ctx, "from", range[0]);
        LocalDate to = Requests.date(ctx, "to", range[1]);
        try {
            return reports.range(List.of(office), from, to);
        } catch (HubException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    /**
     * {@code ?from=&to=}: head office sees every office side by side; an office manager their own
     * office beside its district and the network (the other offices' figures only as those totals).
     */
    private NetworkComparison comparison(Context ctx) {
        User u = session(ctx).user();
        List<String> network = reports.offices();
        List<String> shown = u.role() == Role.HEAD_OFFICE ? network : List.of(u.office());
        Map<String, String> districtOf = districts == null ? Map.of() : districts.all();
        LocalDate[] range = Pages.defaultRange(reports.today(shown.isEmpty() ? "" : shown.get(0)));
        try {
            return reports.networkComparison(shown, districtOf, network, Requests.date(ctx, "from", range[0]), Requests.date(ctx, "to", range[1]));
        } catch (HubException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    /** {@code ?from=&to=}: the office against its district; null when it is in none (or districts are off). */
    private DistrictComparison districtComparison(Context ctx) {
        String office = office(ctx);
        tw.jiaohao.hub.districts.Districts d = districts;
        java.util.Optional<String> district = d == null ? java.util.Optional.empty() : d.districtOf(office);
        if (district.isEmpty()) {
            return null;
        }
        LocalDate[] range = Pages.defaultRange(reports.today(office));
        try {
            return reports.districtComparison(office, district.get(), d.officesIn(district.get()), Requests.date(ctx, "from", range[0]),
                    Requests.date(ctx, "to", range[1]));
        } catch (HubException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    /** {@code ?from=&to=}: busy and idle time per counter. */
    private CounterTime counterTime(Context ctx) {
        String office = office(ctx);
        LocalDate[] range = Pages.defaultRange(reports.today(office));
        try {
            return reports.counterTime(List.of(office), Requests.date(ctx, "from", range[0]), Requests.date(ctx, "to", range[1]));
        } catch (HubException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    /** {@code ?from=&to=&hours=14-15}: waiting time by hour of day; the whole day without {@code hours}. */
    private WaitsByHour waitsByHour(Context ctx) {
        String office = office(ctx);
        LocalDate[] range = Pages.defaultRange(reports.today(office));
        LocalDate from = Requests.date(ctx, "from", range[0]);
        LocalDate to = Requests.date(ctx, "to", range[1]);
        int[] h = hours(ctx.queryParam("hours"));
        try {
            return reports.waitsByHour(List.of(office), from, to, h[0], h[1]);
        } catch (HubException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    private List<Alert> alertList(Context ctx) {
        User u = session(ctx).user();
        boolean openOnly = !"1".equals(ctx.queryParam("all")) && !"false".equals(ctx.queryParam("open"));
        return alerts.list(u.role() == Role.HEAD_OFFICE ? null : List.of(u.office()), openOnly, 500);
    }

    private static long alertId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new HttpError(400, "an alert id is a whole number");
        }
    }

    // ---- pages ---------------------------------------------------------------------------

    private void officesPage(Context ctx) {
        Session s = session(ctx);
        I18n t = i18n(ctx);
        ctx.html(pages.offices(t, s, overview(s.user()), (int) reports.targetWait().toMinutes(),
                casePages == null ? null : casePages.summarySection(t, s, null)));
    }

    private void officePage(Context ctx) {
        Session s = session(ctx);
        RangeReport r = report(ctx);
        String office = r.offices().get(0);
        I18n t = i18n(ctx);
        ctx.html(pages.office(t, s, reports.officeName(office), r, waitsByHour(ctx), notices.inForceFor(office),
                casePages == null ? null : casePages.summarySection(t, s, office), reports.weekOverWeek(office), counterTime(ctx),
                districtComparison(ctx)));
    }

    private void alertsPage(Context ctx) {
        Session s = session(ctx);
        ctx.html(pages.alerts(i18n(ctx), s, alertList(ctx), !"1".equals(ctx.queryParam("all")), reports::officeName));
    }

    /** An alert the user may not handle answers exactly as a missing one, so the answer reveals nothing about it. */
    private Alert handleAlert(Context ctx) {
        long id = alertId(ctx);
        try {
            return alerts.handle(session(ctx).user(), id);
        } catch (HttpError e) {
            throw e;
        } catch (HubException e) {
            throw new HttpError(404, "no alert " + id + " that you may handle");
        }
    }

    private void handleAlertForm(Context ctx) {
        handleAlert(ctx);
        ctx.redirect("/alerts");
    }

    private void noticesPage(Context ctx, Map<String, String> form, String error, String message) {
        Session s = session(ctx);
        List<NoticeRecord> list = notices.recentFor(s.user(), 200);
        Map<String, String> f = new HashMap<>(form);
        boolean typed = !f.isEmpty();
        if (!typed) {
            Instant start = clock.instant().plusSeconds(3600);
            f.put("startsAt", pages.localInput(start));
            f.put("endsAt", pages.localInput(start.plusSeconds(4 * 3600)));
        }
        Map<String, NoticeDefaults> defaults = s.user().canWriteNotices() ? notices.allDefaults() : Map.of();
        ctx.html(pages.notices(i18n(ctx), s, list, clock.instant(), f, error, message, defaults, typed));
    }

    private void noticeForm(Context ctx) {
        Session s = session(ctx);
        Map<String, String> form = new HashMap<>();
        for (String k : List.of("kind", "titleZh", "titleEn", "bodyZh", "bodyEn", "area", "reason", "startsAt", "endsAt",
                "expectedRestoration", "offices", "outageStartsAt", "outageEndsAt")) {
            String v = ctx.formParam(k);
            if (v != null) {
                form.put(k, v);
            }
        }
        try {
            NoticeKind kind;
            try {
                kind = NoticeKind.valueOf(form.getOrDefault("kind", ""));
            } catch (IllegalArgumentException e) {
                throw new NoticeRejectedException("kind", "choose the kind of notice");
            }
            NoticeDraft d = new NoticeDraft(kind, form.get("titleZh"), form.get("titleEn"), form.get("bodyZh"), form.get("bodyEn"),
                    form.get("area"), form.get("reason"), local("startsAt", form.get("startsAt")), local("endsAt", form.get("endsAt")),
                    local("expectedRestoration", form.get("expectedRestoration")), offices(form.get("offices")),
                    local("outageStartsAt", form.get("outageStartsAt")), local("outageEndsAt", form.get("outageEndsAt")));
            notices.create(s.user(), d);
            ctx.redirect("/notices?published=1");
        } catch (UnreadableDateTime e) {
            formRefusals.refused(REFUSED_NOTICE, s.user().username(), "field " + e.field + " is not a date-time");
            ctx.status(400);
            I18n t = i18n(ctx);
            noticesPage(ctx, form, t.t(e.outOfRange ? "notices.dateTimeRange" : "notices.badDateTime", t.t("notices." + ("expectedRestoration".equals(e.field) ? "restoration" : e.field)),
                    Requests.EARLIEST_DAY, Requests.LATEST_DAY), null);
        } catch (NoticeRejectedException e) {
            ctx.status(400);
            noticesPage(ctx, form, e.getMessage(), null);
        }
    }

    private void withdrawForm(Context ctx) {
        try {
            notices.withdraw(session(ctx).user(), ctx.pathParam("id"));
        } catch (NoticeRejectedException e) {
            throw new HttpError(403, e.getMessage());
        }
        ctx.redirect("/notices");
    }

    private void apiNotice(Context ctx) {
        NoticeDraft d = Requests.json(ctx, json, NoticeDraft.class, "a notice draft (see /api/openapi.json)");
        ctx.status(201).json(notices.create(session(ctx).user(), d));
    }

    /** A notice form's date-time field that cannot be read; answered with a 400 in the page's language. */
    private static final class UnreadableDateTime extends RuntimeException {
        final String field;
        final boolean outOfRange;

        UnreadableDateTime(String field, boolean outOfRange) {
            super(field, null, false, false);
            this.field = field;
            this.outOfRange = outOfRange;
        }
    }

    /**
     * A notice form's local date-time: {@code YYYY-MM-DD HH:mm} as the form shows it (full-width
     * digits read as ASCII), or {@code YYYY-MM-DDTHH:mm} as an older page or a script sends it.
     */
    private Instant local(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFKC).strip().replace(' ', 'T');
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(v);
        } catch (DateTimeException e) {
            throw new UnreadableDateTime(field, false);
        }
        if (t.toLocalDate().isBefore(Requests.EARLIEST_DAY) || t.toLocalDate().isAfter(Requests.LATEST_DAY)) {
            throw new UnreadableDateTime(field, true);
        }
        return t.atZone(settings.zone()).toInstant();
    }

    private static List<String> offices(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("[,，\\s]+")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    // ---- CSV -----------------------------------------------------------------------------

    private void exportTop(Context ctx) {
        Session s = session(ctx);
        I18n t = i18n(ctx);
        Csv csv = new Csv();
        switch (ctx.pathParam("file")) {
            case "offices.csv" -> {
                csv.row("office", "name", "day", "waitingNow", "servingNow", "countersOpen", "ticketsToday", "waitMeanSeconds",
                        "waitP90Seconds", "withinTargetShare", "ratingMean", "ratings", "online", "printer", "openAlerts");
                for (OfficeToday o : overview(s.user())) {
                    csv.row(o.office(), o.name(), o.day(), o.waitingNow(), o.servingNow(), o.countersOpen(), o.ticketsToday(), o.waitMean(),
                            o.waitP90(), o.withinTargetShare(), o.ratingMean(), o.ratings(), o.online(), o.printer(), o.openAlerts());
                }
            }
            case "alerts.csv" -> {
                csv.row("id", "raisedAt", "office", "kind", "kindLabel", "device", "counter", "ticket", "detail", "occurrences", "lastAt",
                        "handledBy", "handledAt");
                for (Alert a : alertList(ctx)) {
                    csv.row(a.id(), a.raisedAt(), a.office(), a.kind(), t.t("alert." + a.kind()), a.device(), a.counter(), a.ticketNumber(),
                            a.detail(), a.occurrences(), a.lastAt(), a.handledBy(), a.handledAt());
                }
            }
            case "notices.csv" -> {
                csv.row("id", "kind", "titleZh", "titleEn", "area", "reason", "startsAt", "endsAt", "expectedRestoration", "offices",
                        "createdBy", "createdAt", "withdrawnBy", "withdrawnAt", "outageStartsAt", "outageEndsAt");
                for (NoticeRecord n : notices.recentFor(s.user(), 1000)) {
                    var x = n.notice();
                    csv.row(x.id(), x.kind(), x.titleZh(), x.titleEn(), x.area(), x.reason(), x.startsAt(), x.endsAt(),
                            x.expectedRestoration(), n.forAllOffices() ? "all" : String.join(" ", n.offices()), n.createdBy(),
                            n.createdAt(), n.withdrawnBy(), n.withdrawnAt(), x.outageStartsAt(), x.outageEndsAt());
                }
            }
            case "cases.csv" -> {
                if (casePages == null) {
                    throw new HttpError(404, "self-service is off (selfservice.enabled=false): no cases");
                }
                casePages.csv(ctx, csv);
            }
            default -> throw new HttpError(404, "exports: offices.csv, alerts.csv, notices.csv, cases.csv, offices/{office}/{table}.csv");
        }
        send(ctx, csv, ctx.pathParam("file"));
    }

    private void exportOffice(Context ctx) {
        RangeReport r = report(ctx);
        String office = r.offices().get(0);
        String file = ctx.pathParam("file");
        Csv csv = new Csv();
        switch (file) {
            case "categories.csv", "counters.csv" -> {
                boolean cats = file.startsWith("categories");
                List<String> header = new ArrayList<>(List.of(cats ? "category" : "counter", "label"));
                header.addAll(FIGURE_COLUMNS);
                csv.row(header);
                for (RangeReport.Row row : cats ? r.byCategory() : r.byCounter()) {
                    csv.row(figureRow(row.key(), row.label(), row.figures()));
                }
                if (cats) {
                    csv.row(figureRow("all", "", r.total()));
                }
            }
            case "hours.csv" -> {
                csv.row("hour", "tickets");
                for (int h = 0; h < 24; h++) {
                    csv.row(h, r.volumeByHour()[h]);
                }
            }
            case "heatmap.csv" -> {
                List<Object> header = new ArrayList<>(List.of("weekday"));
                for (int h = 0; h < 24; h++) {
                    header.add(h);
                }
                csv.row(header);
                String[] days = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
                for (int d = 0; d < 7; d++) {
                    List<Object> row = new ArrayList<>(List.of(days[d]));
                    for (long v : r.volumeByWeekdayHour()[d]) {
                        row.add(v);
                    }
                    csv.row(row);
                }
            }
            case "waits.csv" -> {
                csv.row("fromMinute", "toMinute", "called");
                long[] w = r.waitHistogramMinutes();
                for (int i = 0; i < w.length; i++) {
                    csv.row(i, i == w.length - 1 ? "" : i + 1, w[i]);
                }
            }
            case "waits-by-hour.csv" -> {
                WaitsByHour w = waitsByHour(ctx);
                csv.row("hour", "waited", "waitMeanSeconds", "waitP90Seconds", "withinTarget", "withinTargetShare");
                for (WaitsByHour.Hour h : w.hours()) {
                    csv.row(h.hour(), h.waited(), h.meanSeconds(), h.p90Seconds(), h.withinTarget(), h.withinTargetShare());
                }
                WaitsByHour.Hour h = w.total();
                csv.row("all", h.waited(), h.meanSeconds(), h.p90Seconds(), h.withinTarget(), h.withinTargetShare());
            }
            case "counter-time.csv" -> {
                csv.row("counter", "label", "customers", "days", "spanSeconds", "busySeconds", "idleSeconds", "gaps", "gapMeanSeconds",
                        "idleShare");
                for (CounterTime.Row c : counterTime(ctx).counters()) {
                    csv.row(c.counter(), c.label(), c.customers(), c.days(), c.spanSeconds(), c.busySeconds(), c.idleSeconds(), c.gaps(),
                            c.gapMeanSeconds(), c.idleShare());
                }
            }
            case "mix.csv" -> {
                csv.row("category", "label", "tickets", "share");
                for (RangeReport.Share sh : r.categoryMix()) {
                    csv.row(sh.category(), sh.label(), sh.tickets(), sh.share());
                }
            }
            default -> throw new HttpError(404, "office exports: categories.csv, counters.csv, counter-time.csv, hours.csv, heatmap.csv, waits.csv, waits-by-hour.csv, mix.csv");
        }
        send(ctx, csv, office + "-" + r.from() + "-" + r.to() + "-" + file);
    }

    static final List<String> FIGURE_COLUMNS = List.of("tickets", "transfersIn", "called", "waitMeanSeconds", "waitP50Seconds",
            "waitP90Seconds", "waitMaxSeconds", "withinTarget", "withinTargetShare", "served", "serviceMeanSeconds", "serviceMaxSeconds",
            "noShows", "noShowRate", "transfersOut", "recalls", "cancelled", "ratings", "ratingMean", "dissatisfied");

    private static List<Object> figureRow(String key, String label, Figures f) {
        return Arrays.asList(key, label, f.tickets(), f.transfersIn(), f.called(), f.waitMean(), f.waitP50(), f.waitP90(), f.waitMax(),
                f.withinTarget(), f.withinTargetShare(), f.served(), f.serviceMean(), f.serviceMax(), f.noShows(), f.noShowRate(),
                f.transfersOut(), f.recalls(), f.cancelled(), f.ratings(), f.ratingMean(), f.ratingCounts().get("DISSATISFIED"));
    }

    private static void send(Context ctx, Csv csv, String filename) {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        ctx.result(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

}
