package tw.jiaohao.hub.web;

import static tw.jiaohao.hub.web.Html.esc;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tw.jiaohao.hub.auth.Session;
import tw.jiaohao.hub.ingest.RefusalLog;
import tw.jiaohao.hub.notices.NoticeDefaults;
import tw.jiaohao.hub.notices.NoticeService;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.Requests;
import tw.jiaohao.hub.server.Routes;
import tw.jiaohao.hub.server.WebFeature;
import tw.jiaohao.hub.settings.SettingsService;
import tw.jiaohao.hub.settings.SettingsStatus;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.state.StateSnapshot;
import tw.jiaohao.protocol.settings.OfficeSettings;
import tw.jiaohao.protocol.settings.SettingsAck;

/**
 * Head office's settings pages: {@code /settings} (every office: version published, version its
 * node applied, its newest answer with the reason of a refusal or a wait) and
 * {@code /settings/{office}} (the form: categories with both names, counters and profiles, hours
 * and last-ticket rules; a refused form comes back with the values typed and the rule broken),
 * and their JSON {@code /api/settings…}. Head office only; every POST carries the session's CSRF
 * token like every other form. Validation is the protocol record's, so nothing a node would
 * refuse for its shape is published.
 *
 * <p>The office's notices' defaults ({@link NoticeDefaults}: the supply area a water-outage notice
 * names, the days before the outage a notice starts showing) have a form of their own on the same
 * page ({@code POST /settings/{office}/notice-defaults}); they stay on the hub (the notice form
 * prefills them) and are not part of the pushed settings. A refused form of either kind comes back
 * with what was typed and the rule broken, and is counted and logged once per kind and office
 * ({@link RefusalLog}: kinds {@value #REFUSED_SETTINGS} and {@value #REFUSED_DEFAULTS}), naming the
 * field, never the value typed.
 */
final class SettingsPages implements WebFeature {
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    private static final int BLANK_ROWS = 2;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The refusal kind of a settings form that breaks a rule. */
    static final String REFUSED_SETTINGS = "refused settings form";
    /** The refusal kind of a notices' defaults form that breaks a rule. */
    static final String REFUSED_DEFAULTS = "refused notice defaults";

    private final SettingsService settings;
    private final NoticeService notices;
    private final RefusalLog refusals;
    private final Pages pages;
    private final ZoneId zone;
    private final Function<String, Optional<StateSnapshot>> live;
    private final java.util.function.Supplier<List<String>> offices;

    SettingsPages(SettingsService settings, NoticeService notices, RefusalLog refusals, Pages pages, ZoneId zone,
                  Function<String, Optional<StateSnapshot>> live, java.util.function.Supplier<List<String>> offices) {
        this.settings = settings;
        this.notices = notices;
        this.refusals = refusals;
        this.pages = pages;
        this.zone = zone;
        this.live = live;
        this.offices = offices;
    }

    @Override
    public void addTo(Routes r) {
        Access office = Access.HEAD_OFFICE.seeingOffice("office");
        r.get("/settings", Access.HEAD_OFFICE, this::listPage);
        r.get("/settings/{office}", office, ctx -> formPage(ctx, null, null, null));
        r.post("/settings/{office}", office, this::form);
        r.post("/settings/{office}/notice-defaults", office, this::noticeDefaultsForm);
        r.get("/api/settings", Access.HEAD_OFFICE, ctx -> ctx.json(statuses()));
        r.get("/api/settings/{office}", office, ctx -> ctx.json(Map.of(
                "status", status(ctx.pathParam("office")),
                "settings", settings.latest(ctx.pathParam("office")).map(Object.class::cast).orElse(Map.of()))));
    }

    private List<SettingsStatus> statuses() {
        Set<String> ids = new LinkedHashSet<>(offices.get());
        List<SettingsStatus> known = settings.statuses();
        known.forEach(s -> ids.add(s.office()));
        List<SettingsStatus> out = new ArrayList<>();
        for (String id : ids.stream().sorted().toList()) {
            out.add(known.stream().filter(s -> s.office().equals(id)).findFirst().orElse(status(id)));
        }
        return out;
    }

    private SettingsStatus status(String office) {
        return settings.status(office).orElse(new SettingsStatus(office, 0, null, null, 0, 0, null, null, null, null, List.of()));
    }

    private String officeName(I18n t, String office) {
        return live.apply(office).map(s -> s.officeName()).orElse(office);
    }

    private void listPage(Context ctx) {
        I18n t = DashboardWeb.i18n(ctx);
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("settings.title"))).append("</h1><p>").append(esc(t.t("settings.intro"))).append("</p>");
        b.append("<div class=\"scroll\"><table id=\"settings-offices\" class=\"figures\"><thead><tr>");
        for (String h : List.of("settings.office", "settings.published", "settings.applied", "settings.answer")) {
            b.append("<th>").append(esc(t.t(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (SettingsStatus s : statuses()) {
            b.append("<tr data-office=\"").append(esc(s.office())).append("\"><td><a href=\"/settings/").append(esc(s.office())).append("\">")
                    .append(esc(officeName(t, s.office()))).append("</a></td><td class=\"published\">")
                    .append(s.published() == 0 ? "—" : esc(t.t("settings.version", s.published()))).append("</td><td class=\"applied\">")
                    .append(s.applied() == 0 ? esc(t.t("settings.none")) : esc(t.t("settings.appliedVersion", s.applied())))
                    .append("</td><td class=\"answer\">").append(esc(answer(t, s))).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        ctx.html(pages.page(t, Requests.session(ctx), "settings", t.t("settings.title"), b.toString()));
    }

    private String answer(I18n t, SettingsStatus s) {
        if (s.lastOutcome() == null) {
            return s.published() == 0 ? "" : t.t("settings.noAnswer");
        }
        String at = s.lastAt() == null ? "" : " (" + TIME.format(s.lastAt().atZone(zone)) + ")";
        String what = t.t("settings.outcome." + s.lastOutcome(), s.lastVersion());
        return s.lastReason() == null || s.lastOutcome() == SettingsAck.Outcome.APPLIED ? what + at : what + at + ": " + reason(t, s);
    }

    /** The node's reason in the reader's language when it came as a known code, else the node's own words. */
    private static String reason(I18n t, SettingsStatus s) {
        String key = "settings.reason." + s.lastCode();
        if (s.lastCode() == null || !t.has(key)) {
            return s.lastReason();
        }
        String said = t.t(key, args(t, s.lastCode(), s.lastArgs()).toArray());
        return s.lastOutcome() == SettingsAck.Outcome.REFUSED ? said + t.t("settings.reason.keeps", s.applied()) : said;
    }

    /**
     * A reason's arguments as the reader reads them: {@code BAD_SETTING}'s [key, problem code,
     * parameters…] become [key, the problem in the reader's language]; a problem without a code
     * (a node that predates them, or a key head office does not set) stays the node's English.
     */
    private static List<String> args(I18n t, String code, List<String> args) {
        if (!"BAD_SETTING".equals(code) || args.size() < 2 || !t.has("settings.problem." + args.get(1))) {
            return args;
        }
        return List.of(args.get(0), t.t("settings.problem." + args.get(1), args.subList(2, args.size()).toArray()));
    }

    private void form(Context ctx) {
        String office = ctx.pathParam("office");
        I18n t = DashboardWeb.i18n(ctx);
        Map<String, List<String>> f = ctx.formParamMap();
        SettingsService.Draft draft;
        try {
            draft = parse(f);
        } catch (InvalidMessageException e) {
            refused(REFUSED_SETTINGS, office, e.field());
            formPage(ctx.status(400), f, e.field(), e.problem());
            return;
        }
        try {
            OfficeSettings s = settings.publish(Requests.session(ctx).user(), office, draft);
            ctx.redirect("/settings/" + office + "?published=" + s.version());
        } catch (InvalidMessageException e) {
            refused(REFUSED_SETTINGS, office, e.field());
            formPage(ctx.status(400), f, e.field(), e.problem());
        }
    }

    /** Counts and logs (once per kind and office) a refused form, naming the field only: what was typed may be personal data. */
    private void refused(String kind, String office, String field) {
        refusals.refused(kind, safe(office), "field " + safe(field) + " breaks its rule");
    }

    /** An office id or field name as the log shows it: letters, digits and {@code -_.} only, at most 40. */
    private static String safe(String s) {
        String cleaned = s == null ? "" : s.replaceAll("[^A-Za-z0-9_.\\-]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }

    private void noticeDefaultsForm(Context ctx) {
        String office = ctx.pathParam("office");
        String area = ctx.formParam("nd.area") == null ? "" : ctx.formParam("nd.area");
        String lead = ctx.formParam("nd.leadDays") == null ? "" : ctx.formParam("nd.leadDays");
        try {
            notices.setDefaults(Requests.session(ctx).user(), new NoticeDefaults(office, area, NoticeDefaults.leadDays(lead)));
            ctx.redirect("/settings/" + office + "?defaults=saved&lang=" + DashboardWeb.i18n(ctx).lang() + "#notice-defaults");
        } catch (NoticeDefaults.Refused e) {
            refused(REFUSED_DEFAULTS, office, e.field());
            ctx.status(400);
            formPage(ctx, null, null, null, new DefaultsInput(area, lead, e));
        }
    }

    /** The notices' defaults form as typed, and why it was refused. */
    private record DefaultsInput(String area, String leadDays, NoticeDefaults.Refused refused) {
    }

    /** The form's fields as a draft; a value that is not a number or date is refused naming its field. */
    static SettingsService.Draft parse(Map<String, List<String>> f) {
        List<OfficeSettings.Category> cats = new ArrayList<>();
        for (int i = 0; f.containsKey("cat." + i + ".code"); i++) {
            String k = "cat." + i + ".";
            String code = one(f, k + "code").toUpperCase(java.util.Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            String last = one(f, k + "last");
            String capacity = one(f, k + "capacity");
            cats.add(new OfficeSettings.Category(code, one(f, k + "zh"), one(f, k + "en"), !one(f, k + "priority").isEmpty(),
                    decimal("category." + code + ".serviceMinutes", one(f, k + "minutes")),
                    last.isEmpty() ? null : integer("category." + code + ".lastTicketMinutes", last),
                    capacity.isEmpty() ? null : Boolean.valueOf(capacity)));
        }
        List<OfficeSettings.Counter> ctrs = new ArrayList<>();
        for (int i = 0; f.containsKey("ctr." + i + ".number"); i++) {
            String k = "ctr." + i + ".";
            String n = one(f, k + "number");
            if (n.isEmpty()) {
                continue;
            }
            ctrs.add(new OfficeSettings.Counter(integer("counter.number", n), one(f, k + "name"), letters(one(f, k + "serves"))));
        }
        List<String> week = new ArrayList<>();
        for (String d : DAYS) {
            week.add(one(f, "hours." + d));
        }
        List<Integer> lunchCounters = new ArrayList<>();
        for (String n : split(one(f, "hours.lunchCounters"))) {
            lunchCounters.add(integer("hours.lunchCounters", n));
        }
        OfficeSettings.Hours hours = new OfficeSettings.Hours(week, one(f, "hours.lunch"), lunchCounters,
                dates("hours.closedDates", one(f, "hours.closedDates")), dates("hours.extraDates", one(f, "hours.extraDates")),
                one(f, "hours.extraHours"), integer("hours.lastTicketMinutes", one(f, "hours.lastTicketMinutes")),
                !one(f, "hours.lastTicketByCapacity").isEmpty(), integer("hours.graceMinutes", one(f, "hours.graceMinutes")));
        return new SettingsService.Draft(cats, ctrs, hours, integer("starvationMinutes", one(f, "starvationMinutes")), languages(f));
    }

    /**
     * The offered languages (a ticked box per language) and the default; null when the form has
     * no language fields (a post from before they existed). A default not offered and an offering
     * the wall boards cannot show are refused here as the node would refuse them
     * (LANGUAGE_NOT_OFFERED, BOARD_CANNOT_SHOW).
     */
    private static OfficeSettings.Languages languages(Map<String, List<String>> f) {
        if (!f.containsKey("lang.default")) {
            return null;
        }
        List<String> offered = new ArrayList<>();
        for (String code : OfficeSettings.Languages.CODES) {
            if (!one(f, "lang.offer." + code).isEmpty()) {
                offered.add(code);
            }
        }
        OfficeSettings.Languages l = new OfficeSettings.Languages(offered, one(f, "lang.default"));
        if (!l.defaultOffered()) {
            throw new InvalidMessageException("languages.default", "the default language " + l.defaultLanguage()
                    + " is not among the offered languages (" + String.join(",", offered) + ")");
        }
        if (!l.boardsCanShow()) {
            throw new InvalidMessageException("languages.offered", "the wall boards show zh-TW, with en beside it: offer zh-TW too");
        }
        return l;
    }

    private static String one(Map<String, List<String>> f, String key) {
        List<String> v = f.get(key);
        return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0).strip();
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split("[,，\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> letters(String text) {
        return split(text.toUpperCase(java.util.Locale.ROOT));
    }

    private static int integer(String field, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidMessageException(field, "must be a whole number, got '" + (text.length() > 20 ? text.substring(0, 20) : text) + "'");
        }
    }

    private static double decimal(String field, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidMessageException(field, "must be a number of minutes, got '" + (text.length() > 20 ? text.substring(0, 20) : text) + "'");
        }
    }

    private static List<LocalDate> dates(String field, String text) {
        List<LocalDate> out = new ArrayList<>();
        for (String d : split(text)) {
            try {
                out.add(LocalDate.parse(d));
            } catch (DateTimeParseException e) {
                throw new InvalidMessageException(field, "dates are YYYY-MM-DD separated by commas, got '" + (d.length() > 20 ? d.substring(0, 20) : d) + "'");
            }
        }
        return out;
    }

    /** The form, filled from what was typed ({@code typed}, after a refusal), else the newest version, else the office's live state. */
    private void formPage(Context ctx, Map<String, List<String>> typed, String badField, String problem) {
        formPage(ctx, typed, badField, problem, null);
    }

    private void formPage(Context ctx, Map<String, List<String>> typed, String badField, String problem, DefaultsInput defaults) {
        String office = ctx.pathParam("office");
        I18n t = DashboardWeb.i18n(ctx);
        Session s = Requests.session(ctx);
        Map<String, List<String>> f = typed != null ? typed : values(office);
        SettingsStatus st = status(office);
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("settings.officeTitle", officeName(t, office)))).append("</h1>");
        b.append("<p id=\"settings-status\">").append(esc(st.published() == 0 ? t.t("settings.neverPublished") : t.t("settings.version", st.published())))
                .append(" · <span id=\"applied\">").append(esc(st.applied() == 0 ? t.t("settings.none") : t.t("settings.appliedVersion", st.applied())))
                .append("</span> · <span id=\"answer\">").append(esc(answer(t, st))).append("</span></p>");
        String published = ctx.queryParam("published");
        if (published != null && typed == null) {
            b.append("<p class=\"ok\" id=\"published\">").append(esc(t.t("settings.publishedNow", published))).append("</p>");
        }
        if (badField != null) {
            b.append("<p class=\"error\" id=\"settings-error\" role=\"alert\">").append(esc(t.t("settings.refused")))
                    .append(" <code>").append(esc(badField)).append("</code>: ").append(esc(problem)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/settings/").append(esc(office)).append("\" id=\"settings-form\">")
                .append("<input type=\"hidden\" name=\"_csrf\" value=\"").append(esc(s.csrf())).append("\">");
        b.append("<h2>").append(esc(t.t("settings.categories"))).append("</h2><div class=\"scroll\"><table class=\"figures\" id=\"categories\"><thead><tr>");
        for (String h : List.of("settings.code", "settings.nameZh", "settings.nameEn", "settings.minutes", "settings.priority",
                "settings.lastTicket", "settings.byCapacity")) {
            b.append("<th>").append(esc(t.t(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        int rows = count(f, "cat.", ".code") + BLANK_ROWS;
        for (int i = 0; i < rows; i++) {
            String k = "cat." + i + ".";
            b.append("<tr>").append(input(f, k + "code", 2, "[A-Za-z]?")).append(input(f, k + "zh", 14, null)).append(input(f, k + "en", 26, null))
                    .append(input(f, k + "minutes", 4, null))
                    .append("<td><input type=\"checkbox\" name=\"").append(k).append("priority\" value=\"on\"")
                    .append(one(f, k + "priority").isEmpty() ? "" : " checked").append("></td>")
                    .append(input(f, k + "last", 4, null))
                    .append("<td><select name=\"").append(k).append("capacity\">");
            for (String[] o : new String[][] {{"", t.t("settings.officeRule")}, {"true", t.t("settings.yes")}, {"false", t.t("settings.no")}}) {
                b.append("<option value=\"").append(o[0]).append("\"").append(one(f, k + "capacity").equals(o[0]) ? " selected" : "")
                        .append(">").append(esc(o[1])).append("</option>");
            }
            b.append("</select></td></tr>");
        }
        b.append("</tbody></table></div>");
        b.append("<h2>").append(esc(t.t("settings.counters"))).append("</h2><div class=\"scroll\"><table class=\"figures\" id=\"counters\"><thead><tr>");
        for (String h : List.of("settings.number", "settings.counterName", "settings.serves")) {
            b.append("<th>").append(esc(t.t(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        rows = count(f, "ctr.", ".number") + BLANK_ROWS;
        for (int i = 0; i < rows; i++) {
            String k = "ctr." + i + ".";
            b.append("<tr>").append(input(f, k + "number", 3, null)).append(input(f, k + "name", 12, null)).append(input(f, k + "serves", 12, null)).append("</tr>");
        }
        b.append("</tbody></table></div><p class=\"hint\">").append(esc(t.t("settings.servesHint"))).append("</p>");
        b.append("<h2>").append(esc(t.t("settings.hours"))).append("</h2><div class=\"fields\">");
        for (String d : DAYS) {
            field(b, t, f, "hours." + d, "settings.day." + d, 12);
        }
        field(b, t, f, "hours.lunch", "settings.lunch", 12);
        field(b, t, f, "hours.lunchCounters", "settings.lunchCounters", 10);
        field(b, t, f, "hours.closedDates", "settings.closedDates", 30);
        field(b, t, f, "hours.extraDates", "settings.extraDates", 30);
        field(b, t, f, "hours.extraHours", "settings.extraHours", 12);
        field(b, t, f, "hours.lastTicketMinutes", "settings.lastTicketMinutes", 4);
        b.append("<label>").append(esc(t.t("settings.lastTicketByCapacity"))).append(" <input type=\"checkbox\" name=\"hours.lastTicketByCapacity\" value=\"on\"")
                .append(one(f, "hours.lastTicketByCapacity").isEmpty() ? "" : " checked").append("></label>");
        field(b, t, f, "hours.graceMinutes", "settings.graceMinutes", 4);
        field(b, t, f, "starvationMinutes", "settings.starvationMinutes", 4);
        b.append("</div><p class=\"hint\">").append(esc(t.t("settings.hoursHint"))).append("</p>");
        b.append("<h2>").append(esc(t.t("settings.languages"))).append("</h2><div class=\"fields\" id=\"languages\">");
        for (String code : OfficeSettings.Languages.CODES) {
            b.append("<label>").append(esc(t.t("settings.lang." + code))).append(" <input type=\"checkbox\" name=\"lang.offer.").append(code)
                    .append("\" value=\"on\"").append(one(f, "lang.offer." + code).isEmpty() ? "" : " checked").append("></label>");
        }
        b.append("<label>").append(esc(t.t("settings.lang.default"))).append(" <select name=\"lang.default\">");
        for (String code : OfficeSettings.Languages.CODES) {
            b.append("<option value=\"").append(code).append("\"").append(code.equals(one(f, "lang.default")) ? " selected" : "").append(">")
                    .append(esc(t.t("settings.lang." + code))).append("</option>");
        }
        b.append("</select></label></div><p class=\"hint\">").append(esc(t.t("settings.languagesHint"))).append("</p>");
        b.append("<button type=\"submit\" id=\"publish\">").append(esc(t.t("settings.publish"))).append("</button></form>");
        noticeDefaults(b, t, s, office, defaults, "saved".equals(ctx.queryParam("defaults")) && defaults == null);
        ctx.html(pages.page(t, s, "settings", t.t("settings.title"), b.toString()));
    }

    /** The notices' defaults form: as typed after a refusal, else as stored (empty area, 0 days when never set). */
    private void noticeDefaults(StringBuilder b, I18n t, Session s, String office, DefaultsInput typed, boolean saved) {
        Optional<NoticeDefaults> stored = notices.defaults(office);
        String area = typed != null ? typed.area() : stored.map(NoticeDefaults::area).orElse("");
        String lead = typed != null ? typed.leadDays() : String.valueOf(stored.map(NoticeDefaults::leadDays).orElse(NoticeDefaults.MIN_LEAD_DAYS));
        b.append("<section id=\"notice-defaults\"><h2>").append(esc(t.t("noticeDefaults.title"))).append("</h2><p class=\"hint\">")
                .append(esc(t.t("noticeDefaults.intro"))).append("</p>");
        if (saved) {
            b.append("<p class=\"ok\" id=\"notice-defaults-saved\">").append(esc(t.t("noticeDefaults.saved"))).append("</p>");
        } else if (typed == null && stored.isEmpty()) {
            b.append("<p class=\"hint\" id=\"notice-defaults-none\">").append(esc(t.t("noticeDefaults.none"))).append("</p>");
        }
        if (typed != null) {
            NoticeDefaults.Refused e = typed.refused();
            b.append("<p class=\"error\" id=\"notice-defaults-error\" role=\"alert\">").append(esc(t.t("noticeDefaults.refusal",
                    t.t("noticeDefaults.field." + e.field()), t.t("noticeDefaults.problem." + e.code(), e.args().toArray())))).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/settings/").append(esc(office)).append("/notice-defaults?lang=").append(t.lang())
                .append("\" id=\"notice-defaults-form\"><input type=\"hidden\" name=\"_csrf\" value=\"").append(esc(s.csrf()))
                .append("\"><div class=\"fields\"><label>").append(esc(t.t("noticeDefaults.area")))
                .append(" <input name=\"nd.area\" id=\"nd-area\" size=\"40\" maxlength=\"").append(NoticeDefaults.MAX_AREA * 2)
                .append("\" value=\"").append(esc(area)).append("\"").append(typed != null && typed.refused().field().equals("area") ? " aria-invalid=\"true\"" : "")
                .append("></label><label>").append(esc(t.t("noticeDefaults.leadDays")))
                .append(" <input name=\"nd.leadDays\" id=\"nd-lead-days\" size=\"3\" inputmode=\"numeric\" value=\"").append(esc(lead)).append("\"")
                .append(typed != null && typed.refused().field().equals("leadDays") ? " aria-invalid=\"true\"" : "")
                .append("></label></div><p class=\"hint\">").append(esc(t.t("noticeDefaults.hint", NoticeDefaults.MAX_AREA,
                        NoticeDefaults.MIN_LEAD_DAYS, NoticeDefaults.MAX_LEAD_DAYS))).append("</p><button type=\"submit\" id=\"save-notice-defaults\">")
                .append(esc(t.t("noticeDefaults.save"))).append("</button></form></section>");
    }

    private static int count(Map<String, List<String>> f, String prefix, String suffix) {
        int n = 0;
        while (f.containsKey(prefix + n + suffix)) {
            n++;
        }
        return n;
    }

    private static String input(Map<String, List<String>> f, String name, int size, String pattern) {
        return "<td><input name=\"" + esc(name) + "\" size=\"" + size + "\" value=\"" + esc(one(f, name)) + "\""
                + (pattern == null ? "" : " pattern=\"" + pattern + "\"") + "></td>";
    }

    private static void field(StringBuilder b, I18n t, Map<String, List<String>> f, String name, String label, int size) {
        b.append("<label>").append(esc(t.t(label))).append(" <input name=\"").append(esc(name)).append("\" size=\"").append(size)
                .append("\" value=\"").append(esc(one(f, name))).append("\"></label>");
    }

    /** The newest version's values as form fields; without one, the office's categories and counters as its node reports them. */
    private Map<String, List<String>> values(String office) {
        Map<String, List<String>> f = new java.util.HashMap<>();
        Optional<OfficeSettings> latest = settings.latest(office);
        if (latest.isPresent()) {
            OfficeSettings s = latest.get();
            int i = 0;
            for (OfficeSettings.Category c : s.categories()) {
                String k = "cat." + i++ + ".";
                put(f, k + "code", c.code());
                put(f, k + "zh", c.nameZh());
                put(f, k + "en", c.nameEn());
                put(f, k + "minutes", c.serviceMinutes() == Math.rint(c.serviceMinutes()) ? String.valueOf((long) c.serviceMinutes()) : String.valueOf(c.serviceMinutes()));
                put(f, k + "priority", c.priority() ? "on" : "");
                put(f, k + "last", c.lastTicketMinutes() == null ? "" : String.valueOf(c.lastTicketMinutes()));
                put(f, k + "capacity", c.lastTicketByCapacity() == null ? "" : String.valueOf(c.lastTicketByCapacity()));
            }
            i = 0;
            for (OfficeSettings.Counter c : s.counters()) {
                String k = "ctr." + i++ + ".";
                put(f, k + "number", String.valueOf(c.number()));
                put(f, k + "name", c.name());
                put(f, k + "serves", String.join(",", c.serves()));
            }
            hours(f, s.hours(), s.starvationMinutes());
            languages(f, s.languages());
            return f;
        }
        Optional<StateSnapshot> state = live.apply(office);
        int i = 0;
        for (StateSnapshot.CategoryView c : state.map(StateSnapshot::categories).orElse(List.of())) {
            String k = "cat." + i++ + ".";
            put(f, k + "code", c.code());
            put(f, k + "zh", c.nameZh());
            put(f, k + "en", c.nameEn());
            put(f, k + "minutes", "6");
            put(f, k + "priority", c.priority() ? "on" : "");
        }
        i = 0;
        for (StateSnapshot.CounterView c : state.map(StateSnapshot::counters).orElse(List.of())) {
            String k = "ctr." + i++ + ".";
            put(f, k + "number", String.valueOf(c.counter()));
            put(f, k + "name", c.name());
            put(f, k + "serves", String.join(",", c.serves()));
        }
        hours(f, OfficeSettings.Hours.always(), 30);
        languages(f, null);
        return f;
    }

    private static void hours(Map<String, List<String>> f, OfficeSettings.Hours h, int starvation) {
        for (int d = 0; d < 7; d++) {
            put(f, "hours." + DAYS[d], h.week().get(d));
        }
        put(f, "hours.lunch", h.lunch());
        put(f, "hours.lunchCounters", String.join(",", h.lunchCounters().stream().map(String::valueOf).toList()));
        put(f, "hours.closedDates", String.join(",", h.closedDates().stream().map(LocalDate::toString).toList()));
        put(f, "hours.extraDates", String.join(",", h.extraDates().stream().map(LocalDate::toString).toList()));
        put(f, "hours.extraHours", h.extraHours());
        put(f, "hours.lastTicketMinutes", String.valueOf(h.lastTicketMinutes()));
        put(f, "hours.lastTicketByCapacity", h.lastTicketByCapacity() ? "on" : "");
        put(f, "hours.graceMinutes", String.valueOf(h.graceMinutes()));
        put(f, "starvationMinutes", String.valueOf(starvation));
    }

    /** Without a pushed choice the form offers both languages with Chinese first, as the appliance ships. */
    private static void languages(Map<String, List<String>> f, OfficeSettings.Languages l) {
        OfficeSettings.Languages shown = l != null ? l : new OfficeSettings.Languages(OfficeSettings.Languages.CODES, "zh-TW");
        for (String code : OfficeSettings.Languages.CODES) {
            put(f, "lang.offer." + code, shown.offered().contains(code) ? "on" : "");
        }
        put(f, "lang.default", shown.defaultLanguage());
    }

    private static void put(Map<String, List<String>> f, String k, String v) {
        f.put(k, List.of(v));
    }
}
