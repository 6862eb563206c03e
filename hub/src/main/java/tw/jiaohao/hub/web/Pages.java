package tw.jiaohao.hub.web;

import static tw.jiaohao.hub.web.Html.duration;
import static tw.jiaohao.hub.web.Html.esc;
import static tw.jiaohao.hub.web.Html.number;
import static tw.jiaohao.hub.web.Html.percent;
import static tw.jiaohao.hub.web.Html.rating;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.alerts.Alert;
import tw.jiaohao.hub.auth.Session;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.notices.NoticeRecord;
import tw.jiaohao.hub.report.CounterTime;
import tw.jiaohao.hub.report.Figures;
import tw.jiaohao.hub.report.OfficeToday;
import tw.jiaohao.hub.report.RangeReport;
import tw.jiaohao.hub.report.WaitsByHour;
import tw.jiaohao.protocol.notice.NoticeKind;

/** Server-rendered HTML of every page. No inline scripts or styles (the CSP forbids them). */
final class Pages {
    private static final String CHART_JS = "/webjars/chart.js/4.5.1/dist/chart.umd.min.js";
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** A notice's date-time as typed: the form shows a space, a script or an older page may send a T. */
    private static final String DATE_TIME = "[0-9０-９]{4}-[0-9０-９]{2}-[0-9０-９]{2}[ T][0-9０-９]{2}:[0-9０-９]{2}";

    private final ObjectMapper json;
    private final ZoneId zone;
    private final int pollSeconds;
    private volatile boolean casesEnabled;

    Pages(ObjectMapper json, ZoneId zone, int pollSeconds) {
        this.json = json;
        this.zone = zone;
        this.pollSeconds = pollSeconds;
    }

    private String layout(I18n t, Session s, String page, String title, String body, boolean charts) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!doctype html><html lang=\"").append(t.htmlLang()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · ").append(esc(t.t("app.title"))).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/dashboard.css\"></head><body data-page=\"").append(page)
                .append("\" data-lang=\"").append(t.lang()).append("\">");
        b.append("<header><a class=\"brand\" href=\"/offices\">").append(esc(t.t("app.title"))).append("</a>");
        if (s != null) {
            b.append("<nav>");
            nav(b, "/offices", t.t("nav.offices"), page.startsWith("office"));
            nav(b, "/alerts", t.t("nav.alerts"), page.equals("alerts"));
            nav(b, "/notices", t.t("nav.notices"), page.equals("notices"));
            nav(b, "/devices", t.t("nav.devices"), page.equals("devices"));
            if (s.user().role() != tw.jiaohao.hub.auth.Role.STAFF) {
                nav(b, "/compare", t.t("nav.compare"), page.equals("compare"));
            }
            if (s.user().role() == tw.jiaohao.hub.auth.Role.HEAD_OFFICE) {
                nav(b, "/settings", t.t("nav.settings"), page.equals("settings"));
                nav(b, "/users", t.t("nav.users"), page.equals("users"));
                if (districtsEnabled) {
                    nav(b, "/districts", t.t("nav.districts"), page.equals("districts"));
                }
            }
            if (casesEnabled) {
                nav(b, "/cases", t.t("nav.cases"), page.equals("cases"));
            }
            b.append("</nav>");
        }
        b.append("<div class=\"user\">");
        String other = t.lang().equals("en") ? "zh" : "en";
        b.append("<a id=\"lang-switch\" href=\"/lang/").append(other).append("\">").append(esc(t.t("lang.switch"))).append("</a>");
        if (s != null) {
            User u = s.user();
            b.append("<span id=\"whoami\">").append(esc(u.username())).append(" · ").append(esc(t.t("role." + u.role())));
            if (u.office() != null) {
                b.append(" · ").append(esc(u.office()));
            }
            b.append("</span><form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrf(s))
                    .append("<button id=\"logout\" type=\"submit\">").append(esc(t.t("nav.logout"))).append("</button></form>");
        }
        b.append("</div></header><main>").append(body).append("</main>");
        if (charts) {
            b.append("<script src=\"").append(CHART_JS).append("\"></script>");
        }
        b.append("<script src=\"/static/dashboard.js\"></script></body></html>");
        return b.toString();
    }

    /** Shows the cases link in the header (self-service is on). */
    private volatile boolean staffingEnabled;
    private volatile boolean districtsEnabled;

    void enableDistricts() {
        districtsEnabled = true;
    }

    void enableStaffing() {
        staffingEnabled = true;
    }

    void enableCases() {
        casesEnabled = true;
    }

    /** A page of another part of the dashboard (the case pages) in the common layout. */
    String page(I18n t, Session s, String page, String title, String body) {
        return layout(t, s, page, title, body, false);
    }

    private static void nav(StringBuilder b, String href, String label, boolean current) {
        b.append("<a href=\"").append(href).append("\"").append(current ? " class=\"current\"" : "").append(">")
                .append(esc(label)).append("</a>");
    }

    private static String csrf(Session s) {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(s.csrf()) + "\">";
    }

    String login(I18n t, String loginCsrf, String error, String next) {
        StringBuilder b = new StringBuilder();
        b.append("<section class=\"login\"><h1>").append(esc(t.t("login.title"))).append("</h1>");
        if (error != null) {
            b.append("<p class=\"error\" id=\"login-error\">").append(esc(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"_csrf\" value=\"").append(esc(loginCsrf)).append("\">")
                .append("<input type=\"hidden\" name=\"next\" value=\"").append(esc(next)).append("\">")
                .append("<label>").append(esc(t.t("login.user"))).append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus></label>")
                .append("<label>").append(esc(t.t("login.password"))).append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>")
                .append("<button id=\"login\" type=\"submit\">").append(esc(t.t("login.submit"))).append("</button></form></section>");
        return layout(t, null, "login", t.t("login.title"), b.toString(), false);
    }

    String offices(I18n t, Session s, List<OfficeToday> rows, int targetMinutes, String casesSection) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("offices.title"))).append("</h1>");
        b.append("<p class=\"actions\"><a class=\"csv\" href=\"/export/offices.csv\">").append(esc(t.t("office.csv"))).append("</a></p>");
        if (rows.isEmpty()) {
            b.append("<p id=\"no-offices\">").append(esc(t.t("offices.none"))).append("</p>");
        }
        b.append("<table id=\"offices\" class=\"figures\"><thead><tr>");
        for (String h : List.of(t.t("offices.office"), t.t("offices.waitingNow"), t.t("offices.servingNow"), t.t("offices.ticketsToday"),
                t.t("offices.waitMean"), t.t("offices.waitP90"), t.t("offices.withinTarget", targetMinutes), t.t("offices.rating"),
                t.t("offices.status"), t.t("offices.printer"), t.t("offices.alerts"))) {
            b.append("<th>").append(esc(h)).append("</th>");
        }
        b.append("</tr></thead><tbody id=\"offices-body\" data-poll=\"").append(pollSeconds).append("\">");
        for (OfficeToday r : rows) {
            b.append("<tr data-office=\"").append(esc(r.office())).append("\">")
                    .append("<td><a href=\"/offices/").append(esc(r.office())).append("\">").append(esc(r.name()))
                    .append("</a> <small>").append(esc(r.office())).append("</small></td>")
                    .append(td("waitingNow", number(r.waitingNow()))).append(td("servingNow", number(r.servingNow())))
                    .append(td("ticketsToday", String.valueOf(r.ticketsToday()))).append(td("waitMean", duration(r.waitMean(), t)))
                    .append(td("waitP90", duration(r.waitP90(), t))).append(td("withinTargetShare", percent(r.withinTargetShare())))
                    .append(td("ratingMean", rating(r.ratingMean())))
                    .append("<td data-f=\"online\" class=\"").append(r.online() == null ? "unknown" : r.online() ? "ok" : "bad").append("\">")
                    .append(esc(t.t(r.online() == null ? "status.unknown" : r.online() ? "status.online" : "status.offline"))).append("</td>")
                    .append("<td data-f=\"printer\" class=\"").append(r.printer() == null ? "unknown" : r.printer().needsAttention() ? "bad" : "ok")
                    .append("\">").append(r.printer() == null ? "–" : esc(t.t("printer." + r.printer()))).append("</td>")
                    .append("<td data-f=\"openAlerts\"").append(r.openAlerts() > 0 ? " class=\"bad\"" : "").append(">")
                    .append(r.openAlerts()).append("</td></tr>");
        }
        b.append("</tbody></table>");
        if (casesSection != null) {
            b.append(casesSection);
        }
        return layout(t, s, "offices", t.t("offices.title"), b.toString(), false);
    }

    private static String td(String field, String text) {
        return "<td data-f=\"" + field + "\" class=\"num\">" + esc(text) + "</td>";
    }

    String office(I18n t, Session s, String name, RangeReport r, WaitsByHour w, List<NoticeRecord> notices, String casesSection,
                  tw.jiaohao.hub.report.WeekOverWeek week, CounterTime counterTime,
                  tw.jiaohao.hub.report.DistrictComparison district) {
        String office = r.offices().get(0);
        String q = "?from=" + r.from() + "&to=" + r.to();
        String hq = q + "&hours=" + w.fromHour() + "-" + w.toHour();
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("office.title", name))).append(" <small>").append(esc(office)).append("</small></h1>");
        if (staffingEnabled && (s.user().role() == tw.jiaohao.hub.auth.Role.HEAD_OFFICE
                || s.user().role() == tw.jiaohao.hub.auth.Role.OFFICE_MANAGER)) {
            b.append("<p class=\"staffing-nav\"><a id=\"staffing-link\" href=\"/offices/").append(esc(office)).append("/staffing\">")
                    .append(esc(t.t("staffing.advice.link"))).append("</a> · <a id=\"whatif-link\" href=\"/offices/").append(esc(office))
                    .append("/staffing/what-if\">").append(esc(t.t("staffing.whatIf.link"))).append("</a></p>");
        }
        b.append("<form id=\"range\" method=\"get\" class=\"range\">").append(DateFields.range(t, r.from(), r.to()))
                .append("<label>").append(esc(t.t("office.hours")))
                .append("<input type=\"text\" name=\"hours\" size=\"5\" pattern=\"[0-9]{1,2}-[0-9]{1,2}\" value=\"").append(w.fromHour())
                .append("-").append(w.toHour()).append("\"></label><button type=\"submit\">").append(esc(t.t("office.show"))).append("</button></form>");
        b.append("<p class=\"actions\"><a id=\"link-estimates\" href=\"").append(esc("/offices/" + office + "/estimates" + hq))
                .append("\">").append(esc(t.t("estimates.link"))).append("</a></p>");
        if (!notices.isEmpty()) {
            b.append("<section class=\"notices-now\"><h2>").append(esc(t.t("office.notices"))).append("</h2><ul>");
            for (NoticeRecord n : notices) {
                b.append("<li>").append(esc(n.notice().titleZh())).append(" (").append(esc(Html.time(n.notice().startsAt(), zone)))
                        .append(" – ").append(esc(Html.time(n.notice().endsAt(), zone))).append(")</li>");
            }
            b.append("</ul></section>");
        }
        Figures f = r.total();
        b.append("<section class=\"cards\">");
        card(b, t.t("office.tickets"), String.valueOf(f.tickets()), "card-tickets");
        card(b, t.t("office.waitMean"), duration(f.waitMean(), t), "card-wait-mean");
        card(b, t.t("office.waitP90"), duration(f.waitP90(), t), "card-wait-p90");
        card(b, t.t("office.withinTarget", r.targetWaitMinutes()), percent(f.withinTargetShare()), "card-within");
        card(b, t.t("office.serviceMean"), duration(f.serviceMean(), t), "card-service");
        card(b, t.t("office.noShowRate"), percent(f.noShowRate()), "card-noshow");
        card(b, t.t("office.ratingMean"), rating(f.ratingMean()), "card-rating");
        b.append("</section>");
        weekOverWeek(b, t, week, r.targetWaitMinutes());
        if (district != null) {
            districtComparison(b, t, district, r.targetWaitMinutes());
        }
        figuresTable(b, t, "categories", t.t("office.byCategory"), t.t("office.category"), r.byCategory(), f, r.targetWaitMinutes(),
                "/export/offices/" + office + "/categories.csv" + q);
        figuresTable(b, t, "counters", t.t("office.byCounter"), t.t("office.counter"), r.byCounter(), null, r.targetWaitMinutes(),
                "/export/offices/" + office + "/counters.csv" + q);
        counterTime(b, t, counterTime, "/export/offices/" + office + "/counter-time.csv" + q);
        waitsByHour(b, t, w, "/export/offices/" + office + "/waits-by-hour.csv" + hq);
        b.append("<section class=\"charts\">");
        chart(b, t.t("office.volumeByHour"), "chart-hours", "/export/offices/" + office + "/hours.csv" + q, t);
        chart(b, t.t("office.waitHistogram"), "chart-waits", "/export/offices/" + office + "/waits.csv" + q, t);
        chart(b, t.t("office.categoryMix"), "chart-mix", "/export/offices/" + office + "/mix.csv" + q, t);
        b.append("</section>");
        heatmap(b, t, r, "/export/offices/" + office + "/heatmap.csv" + q);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hours", r.volumeByHour());
        data.put("waits", r.waitHistogramMinutes());
        data.put("mix", r.categoryMix());
        data.put("labels", Map.of("tickets", t.t("office.tickets"), "called", t.t("office.called")));
        b.append("<script type=\"application/json\" id=\"chart-data\">").append(jsonForScript(data)).append("</script>");
        if (casesSection != null) {
            b.append(casesSection);
        }
        return layout(t, s, "office", t.t("office.title", name), b.toString(), true);
    }

    /** Busy and idle time per counter: what a manager asks before moving staff. */
    private static void counterTime(StringBuilder b, I18n t, CounterTime c, String csv) {
        b.append("<section><h2>").append(esc(t.t("counterTime.title"))).append(" <a class=\"csv\" id=\"csv-counter-time\" href=\"")
                .append(esc(csv)).append("\">").append(esc(t.t("office.csv"))).append("</a></h2><div class=\"scroll\">")
                .append("<table id=\"table-counter-time\" class=\"figures\"><thead><tr><th>").append(esc(t.t("office.counter"))).append("</th>");
        for (String k : List.of("customers", "days", "busy", "idle", "idleShare", "gapMean")) {
            b.append(th(t, t.t("counterTime." + k), t.t("help.counterTime." + k)));
        }
        b.append("</tr></thead><tbody>");
        for (CounterTime.Row r : c.counters()) {
            b.append("<tr data-counter=\"").append(r.counter()).append("\"><th>").append(esc(r.label())).append("</th>")
                    .append(td("customers", String.valueOf(r.customers()))).append(td("days", String.valueOf(r.days())))
                    .append(td("busy", duration(r.busySeconds(), t))).append(td("idle", duration(r.idleSeconds(), t)))
                    .append(td("idleShare", percent(r.idleShare()))).append(td("gapMean", duration(r.gapMeanSeconds(), t))).append("</tr>");
        }
        b.append("</tbody></table></div>");
        if (c.counters().isEmpty()) {
            b.append("<p id=\"no-counter-time\">").append(esc(t.t("counterTime.none"))).append("</p>");
        }
        b.append("</section>");
    }

    /** Waiting time by the hour people took their ticket; with the whole day asked for, only hours someone waited in. */
    private static void waitsByHour(StringBuilder b, I18n t, WaitsByHour w, String csv) {
        int target = w.targetWaitMinutes();
        b.append("<section><h2>").append(esc(t.t("office.waitsByHour", w.fromHour(), w.toHour())))
                .append(" <a class=\"csv\" id=\"csv-waits-by-hour\" href=\"").append(esc(csv)).append("\">")
                .append(esc(t.t("office.csv"))).append("</a></h2><div class=\"scroll\"><table id=\"table-waits-by-hour\" class=\"figures\">")
                .append("<thead><tr>").append(th(t, t.t("office.hour"), t.t("help.hour")))
                .append(th(t, t.t("office.waited"), t.t("help.waited")))
                .append(th(t, t.t("office.waitMean"), t.t("help.waitMean")))
                .append(th(t, t.t("office.waitP90"), t.t("help.waitP90")))
                .append(th(t, t.t("office.withinTarget", target), t.t("help.withinTarget", target))).append("</tr></thead><tbody>");
        boolean wholeDay = w.fromHour() == 0 && w.toHour() == 24;
        for (WaitsByHour.Hour h : w.hours()) {
            if (!wholeDay || h.waited() > 0) {
                b.append("<tr data-hour=\"").append(h.hour()).append("\"><th>")
                        .append(String.format(java.util.Locale.ROOT, "%02d:00–%02d:00", h.hour(), h.hour() + 1)).append("</th>");
                hourCells(b, t, h);
                b.append("</tr>");
            }
        }
        b.append("<tr class=\"total\"><th>").append(esc(t.t("office.total"))).append("</th>");
        hourCells(b, t, w.total());
        b.append("</tr></tbody></table></div></section>");
    }

    private static void hourCells(StringBuilder b, I18n t, WaitsByHour.Hour h) {
        for (String v : List.of(String.valueOf(h.waited()), duration(h.meanSeconds(), t), duration(h.p90Seconds(), t),
                percent(h.withinTargetShare()))) {
            b.append("<td class=\"num\">").append(esc(v)).append("</td>");
        }
    }

    /** This week so far against the same weekdays last week. */
    private static void weekOverWeek(StringBuilder b, I18n t, tw.jiaohao.hub.report.WeekOverWeek w, long targetMinutes) {
        Figures a = w.thisWeek();
        Figures p = w.lastWeek();
        b.append("<section><h2>").append(esc(t.t("week.title"))).append("</h2><div class=\"scroll\"><table id=\"week-over-week\" class=\"figures\"><thead><tr><th></th><th>")
                .append(esc(t.t("week.this", w.from(), w.to()))).append("</th><th>").append(esc(t.t("week.last", w.lastFrom(), w.lastTo())))
                .append("</th></tr></thead><tbody>");
        row(b, "tickets", t.t("office.tickets"), String.valueOf(a.tickets()), String.valueOf(p.tickets()));
        row(b, "wait-mean", t.t("office.waitMean"), duration(a.waitMean(), t), duration(p.waitMean(), t));
        row(b, "within", t.t("office.withinTarget", targetMinutes), percent(a.withinTargetShare()), percent(p.withinTargetShare()));
        row(b, "service", t.t("office.serviceMean"), duration(a.serviceMean(), t), duration(p.serviceMean(), t));
        row(b, "rating", t.t("office.ratingMean"), rating(a.ratingMean()), rating(p.ratingMean()));
        b.append("</tbody></table></div></section>");
    }

    /** The office against its whole district over the page's range (tickets per office, so a big district compares). */
    private static void districtComparison(StringBuilder b, I18n t, tw.jiaohao.hub.report.DistrictComparison d, long targetMinutes) {
        Figures o = d.officeFigures();
        Figures a = d.districtFigures();
        int n = d.districtOffices().size();
        b.append("<section><h2>").append(esc(t.t("district.title", d.district()))).append("</h2><div class=\"scroll\">")
                .append("<table id=\"district-comparison\" class=\"figures\"><thead><tr><th></th><th>").append(esc(t.t("district.office")))
                .append("</th><th title=\"").append(esc(t.t("help.district", n))).append("\"><abbr title=\"").append(esc(t.t("help.district", n)))
                .append("\">").append(esc(t.t("district.district", n))).append("</abbr></th></tr></thead><tbody>");
        row(b, "tickets", t.t("district.ticketsPerOffice"), String.valueOf(o.tickets()),
                String.format(java.util.Locale.ROOT, "%.1f", (double) a.tickets() / n));
        row(b, "wait-mean", t.t("office.waitMean"), duration(o.waitMean(), t), duration(a.waitMean(), t));
        row(b, "wait-p90", t.t("office.waitP90"), duration(o.waitP90(), t), duration(a.waitP90(), t));
        row(b, "within", t.t("office.withinTarget", targetMinutes), percent(o.withinTargetShare()), percent(a.withinTargetShare()));
        row(b, "service", t.t("office.serviceMean"), duration(o.serviceMean(), t), duration(a.serviceMean(), t));
        row(b, "no-show", t.t("office.noShowRate"), percent(o.noShowRate()), percent(a.noShowRate()));
        row(b, "rating", t.t("office.ratingMean"), rating(o.ratingMean()), rating(a.ratingMean()));
        b.append("</tbody></table></div></section>");
    }

    private static void row(StringBuilder b, String id, String label, String now, String before) {
        b.append("<tr data-figure=\"").append(id).append("\"><th>").append(esc(label)).append("</th><td class=\"num\">").append(esc(now))
                .append("</td><td class=\"num\">").append(esc(before)).append("</td></tr>");
    }

    private static void card(StringBuilder b, String label, String value, String id) {
        b.append("<div class=\"card\" id=\"").append(id).append("\"><div class=\"label\">").append(esc(label))
                .append("</div><div class=\"value\">").append(esc(value)).append("</div></div>");
    }

    private static void chart(StringBuilder b, String title, String id, String csv, I18n t) {
        b.append("<figure><figcaption>").append(esc(title)).append(" <a class=\"csv\" href=\"").append(esc(csv)).append("\">")
                .append(esc(t.t("office.csv"))).append("</a></figcaption><div class=\"chart-box\"><canvas id=\"").append(id)
                .append("\" data-chart=\"").append(id).append("\"></canvas></div></figure>");
    }

    /** The figure columns: message key of the header, hover help key, value. */
    private record Column(String header, String help, java.util.function.Function<Figures, String> value) {
    }

    private static List<Column> columns(I18n t, boolean counters) {
        List<Column> c = new ArrayList<>();
        if (!counters) { // tickets are issued at the kiosk, never at a counter
            c.add(new Column("office.tickets", "help.tickets", f -> String.valueOf(f.tickets())));
        }
        c.add(new Column("office.called", "help.called", f -> String.valueOf(f.called())));
        c.add(new Column("office.waitMean", "help.waitMean", f -> duration(f.waitMean(), t)));
        c.add(new Column("office.waitP50", "help.waitP50", f -> duration(f.waitP50(), t)));
        c.add(new Column("office.waitP90", "help.waitP90", f -> duration(f.waitP90(), t)));
        c.add(new Column("office.waitMax", "help.waitMax", f -> duration(f.waitMax(), t)));
        c.add(new Column("office.withinTarget", "help.withinTarget", f -> percent(f.withinTargetShare())));
        c.add(new Column("office.served", "help.served", f -> String.valueOf(f.served())));
        c.add(new Column("office.serviceMean", "help.serviceMean", f -> duration(f.serviceMean(), t)));
        c.add(new Column("office.noShowRate", "help.noShowRate", f -> percent(f.noShowRate())));
        c.add(new Column("office.transfers", "help.transfers", f -> String.valueOf(f.transfersOut())));
        c.add(new Column("office.ratings", "help.ratings", f -> String.valueOf(f.ratings())));
        c.add(new Column("office.ratingMean", "help.ratingMean", f -> rating(f.ratingMean())));
        return c;
    }

    /** A header cell whose meaning shows on hover (and to screen readers). */
    static String th(I18n t, String label, String help) {
        return "<th title=\"" + esc(help) + "\"><abbr title=\"" + esc(help) + "\">" + esc(label) + "</abbr></th>";
    }

    private static void figuresTable(StringBuilder b, I18n t, String id, String title, String keyHeader, List<RangeReport.Row> rows,
                                     Figures total, int target, String csv) {
        List<Column> columns = columns(t, id.equals("counters"));
        b.append("<section><h2>").append(esc(title)).append(" <a class=\"csv\" id=\"csv-").append(id).append("\" href=\"")
                .append(esc(csv)).append("\">").append(esc(t.t("office.csv"))).append("</a></h2><div class=\"scroll\"><table id=\"table-")
                .append(id).append("\" class=\"figures\"><thead><tr><th>").append(esc(keyHeader)).append("</th>");
        for (Column c : columns) {
            b.append(th(t, t.t(c.header(), target), t.t(c.help(), target)));
        }
        b.append("</tr></thead><tbody>");
        for (RangeReport.Row row : rows) {
            b.append("<tr><th>").append(esc(row.label())).append("</th>");
            figureCells(b, columns, row.figures());
            b.append("</tr>");
        }
        if (total != null) {
            b.append("<tr class=\"total\"><th>").append(esc(t.t("office.total"))).append("</th>");
            figureCells(b, columns, total);
            b.append("</tr>");
        }
        b.append("</tbody></table></div></section>");
    }

    private static void figureCells(StringBuilder b, List<Column> columns, Figures f) {
        for (Column c : columns) {
            b.append("<td class=\"num\">").append(esc(c.value().apply(f))).append("</td>");
        }
    }

    private static void heatmap(StringBuilder b, I18n t, RangeReport r, String csv) {
        long max = 1;
        for (long[] day : r.volumeByWeekdayHour()) {
            for (long v : day) {
                max = Math.max(max, v);
            }
        }
        b.append("<section><h2>").append(esc(t.t("office.heatmap"))).append(" <a class=\"csv\" href=\"").append(esc(csv)).append("\">")
                .append(esc(t.t("office.csv"))).append("</a></h2><div class=\"scroll\"><table id=\"heatmap\" class=\"heat\"><thead><tr><th></th>");
        for (int h = 0; h < 24; h++) {
            b.append("<th>").append(h).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int d = 0; d < 7; d++) {
            b.append("<tr><th>").append(esc(t.t("weekday." + (d + 1)))).append("</th>");
            for (int h = 0; h < 24; h++) {
                long v = r.volumeByWeekdayHour()[d][h];
                int level = v == 0 ? 0 : (int) Math.min(9, 1 + (v * 9 - 1) / max);
                b.append("<td class=\"h").append(level).append("\">").append(v == 0 ? "" : v).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div></section>");
    }

    String alerts(I18n t, Session s, List<Alert> alerts, boolean openOnly, java.util.function.UnaryOperator<String> officeName) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("alerts.title"))).append("</h1><p class=\"actions\">")
                .append(openOnly ? "<a href=\"/alerts?all=1\">" + esc(t.t("alerts.all")) + "</a>"
                        : "<a href=\"/alerts\">" + esc(t.t("alerts.openOnly")) + "</a>")
                .append(" <a class=\"csv\" href=\"/export/alerts.csv").append(openOnly ? "" : "?all=1").append("\">").append(esc(t.t("office.csv")))
                .append("</a></p>");
        if (alerts.isEmpty()) {
            b.append("<p id=\"no-alerts\">").append(esc(t.t("alerts.none"))).append("</p>");
        }
        b.append("<div id=\"alerts\">");
        // one row per occurrence, grouped by kind and office (the newest first); a group of more than one folds open
        java.util.Map<String, List<Alert>> groups = new java.util.LinkedHashMap<>();
        for (Alert a : alerts) {
            groups.computeIfAbsent(a.kind() + "|" + a.office(), k -> new java.util.ArrayList<>()).add(a);
        }
        for (List<Alert> group : groups.values()) {
            Alert first = group.get(0);
            long open = group.stream().filter(Alert::open).count();
            b.append("<details class=\"alert-group\" data-kind=\"").append(first.kind()).append("\" data-office=\"").append(esc(first.office()))
                    .append("\"").append(group.size() == 1 ? " open" : "").append("><summary>").append(esc(t.t("alert." + first.kind())))
                    .append(" · ").append(esc(officeName.apply(first.office()))).append(" · <span class=\"group-count\">")
                    .append(esc(t.t("alerts.groupCount", group.size(), open))).append("</span></summary>");
            b.append("<table class=\"figures alerts\"><thead><tr>");
            for (String h : List.of(t.t("alerts.time"), t.t("alerts.office"), t.t("alerts.kind"), t.t("alerts.detail"), t.t("alerts.count"),
                    t.t("alerts.handled"))) {
                b.append("<th>").append(esc(h)).append("</th>");
            }
            b.append("</tr></thead><tbody>");
            for (Alert a : group) {
                b.append("<tr data-alert=\"").append(a.id()).append("\" class=\"").append(a.open() ? "open" : "handled").append("\"><td>")
                        .append(esc(Html.time(a.raisedAt(), zone))).append("</td><td title=\"").append(esc(a.office())).append("\">")
                        .append(esc(officeName.apply(a.office()))).append("</td><td>")
                        .append(esc(t.t("alert." + a.kind()))).append("</td><td>").append(esc(detail(a, t))).append("</td><td class=\"num\">")
                        .append(a.occurrences()).append("</td><td>");
                if (a.open()) {
                    if (s.user().canHandleAlertsOf(a.office())) {
                        b.append("<form method=\"post\" action=\"/alerts/").append(a.id()).append("/handle\" class=\"inline\">").append(csrf(s))
                                .append("<button type=\"submit\" class=\"handle\">").append(esc(t.t("alerts.handle"))).append("</button></form>");
                    }
                } else {
                    b.append(esc(a.handledBy())).append(" · ").append(esc(Html.time(a.handledAt(), zone)));
                }
                b.append("</td></tr>");
            }
            b.append("</tbody></table></details>");
        }
        b.append("</div>");
        return layout(t, s, "alerts", t.t("alerts.title"), b.toString(), false);
    }

    /** {@code EarlyWarning.describe} in English, as the hub stores a WAIT_TARGET_AT_RISK alert's detail. */
    private static final java.util.regex.Pattern AT_RISK = java.util.regex.Pattern.compile(
            "(The wait target is broken now|The wait target will likely break in about (\\d+) min) \\((\\d+)% called within (\\d+) min; "
                    + "risk (\\d+)%\\)(?:\\. Open counter (\\d+) \\(for ([A-Z, ]+)\\): risk falls to (\\d+)%|\\. Every counter is already open)");
    private static final java.util.regex.Pattern WAITED = java.util.regex.Pattern.compile("waited (\\d+) min \\(target (\\d+) min\\)");
    private static final java.util.regex.Pattern CATEGORY = java.util.regex.Pattern.compile("category ([A-Z])");

    /**
     * An alert's details in the reader's language: the counter, ticket and the stored detail
     * (written by the hub in English codes: "waited 123 min (target 15 min)", a device kind, a
     * printer condition, "category A") turned into words; anything unknown is shown as stored.
     */
    static String detail(Alert a, I18n t) {
        StringBuilder d = new StringBuilder();
        if (a.device() != null) {
            d.append(a.device()).append(' ');
        }
        if (a.counter() != null) {
            d.append(t.t("alerts.counter", String.valueOf(a.counter()))).append(' ');
        }
        if (a.ticketNumber() != null) {
            d.append(a.ticketNumber()).append(' ');
        }
        String raw = a.detail();
        if (raw != null) {
            java.util.regex.Matcher w = WAITED.matcher(raw);
            java.util.regex.Matcher c = CATEGORY.matcher(raw);
            java.util.regex.Matcher r = AT_RISK.matcher(raw);
            if (w.matches()) {
                d.append(t.t("alerts.waited", w.group(1), w.group(2)));
            } else if (r.matches()) {
                d.append(r.group(2) == null ? t.t("alerts.atRisk.broken", r.group(3), r.group(4), r.group(5))
                        : t.t("alerts.atRisk.soon", r.group(2), r.group(3), r.group(4), r.group(5)));
                d.append(r.group(6) == null ? t.t("alerts.atRisk.allOpen") : t.t("alerts.atRisk.open", r.group(6), r.group(7), r.group(8)));
            } else if (c.matches()) {
                d.append(t.t("alerts.category", c.group(1)));
            } else if (raw.matches("[A-Z_]+") && !t.t("code." + raw).startsWith("??")) {
                d.append(t.t("code." + raw));
            } else {
                d.append(raw);
            }
        }
        return d.toString().trim();
    }

    /** Every kiosk, wall board, counter unit and office node: online, last status, version, printer. */
    String devices(I18n t, Session s, List<tw.jiaohao.protocol.device.DeviceStatus> devices, java.util.function.UnaryOperator<String> officeName) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("devices.title"))).append("</h1>");
        if (devices.isEmpty()) {
            b.append("<p id=\"no-devices\">").append(esc(t.t("devices.none"))).append("</p>");
        }
        b.append("<table id=\"devices\" class=\"figures\"><thead><tr>");
        for (String h : List.of("devices.office", "devices.device", "devices.kind", "devices.online", "devices.lastSeen", "devices.version",
                "devices.printer", "devices.detail")) {
            b.append(th(t, t.t(h), t.t("help." + h)));
        }
        b.append("</tr></thead><tbody>");
        for (tw.jiaohao.protocol.device.DeviceStatus d : devices) {
            b.append("<tr data-device=\"").append(esc(d.office() + "/" + d.device())).append("\" class=\"")
                    .append(d.online() ? "online" : "offline").append("\"><td title=\"").append(esc(d.office())).append("\">")
                    .append(esc(officeName.apply(d.office()))).append("</td><td>").append(esc(d.device())).append("</td><td>")
                    .append(esc(t.t("code." + d.kind().name()))).append("</td><td data-f=\"online\">")
                    .append(esc(t.t(d.online() ? "devices.yes" : "devices.no"))).append("</td><td>")
                    .append(esc(Html.time(d.at(), zone))).append("</td><td>").append(esc(d.version())).append("</td><td>")
                    .append(d.printer() == null ? "–" : esc(t.t("code." + d.printer().name()))).append("</td><td>")
                    .append(d.detail() == null ? "" : esc(d.detail())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        return layout(t, s, "devices", t.t("devices.title"), b.toString(), false);
    }

    /**
     * The notices page; for head office with the form, which prefills each office's notices'
     * {@code defaults} (dashboard.js) for a notice to that office alone. {@code typed}: the form
     * holds what the user sent (after a refusal), so the script treats its values as the user's.
     */
    String notices(I18n t, Session s, List<NoticeRecord> notices, java.time.Instant now, Map<String, String> form, String error, String message,
                   Map<String, tw.jiaohao.hub.notices.NoticeDefaults> defaults, boolean typed) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("notices.title"))).append("</h1>");
        if (message != null) {
            b.append("<p class=\"ok\" id=\"notice-message\">").append(esc(message)).append("</p>");
        }
        if (s.user().canWriteNotices()) {
            b.append("<section class=\"notice-form\"><h2>").append(esc(t.t("notices.new"))).append("</h2>");
            if (error != null) {
                b.append("<p class=\"error\" id=\"notice-error\">").append(esc(error)).append("</p>");
            }
            Map<String, Map<String, Object>> prefill = new java.util.TreeMap<>();
            defaults.forEach((office, d) -> prefill.put(office, Map.of("area", d.area(), "leadDays", d.leadDays())));
            b.append("<script type=\"application/json\" id=\"notice-defaults\">").append(jsonForScript(prefill)).append("</script>");
            b.append("<form method=\"post\" action=\"/notices?lang=").append(t.lang()).append("\" id=\"notice-form\"")
                    .append(typed ? " data-typed=\"true\"" : "").append(">").append(csrf(s))
                    .append("<label>").append(esc(t.t("notices.kind"))).append("<select name=\"kind\" id=\"kind\">");
            for (NoticeKind k : NoticeKind.values()) {
                b.append("<option value=\"").append(k).append("\"").append(k.name().equals(form.get("kind")) ? " selected" : "").append(">")
                        .append(esc(t.t("kind." + k))).append("</option>");
            }
            b.append("</select></label>");
            input(b, t.t("notices.titleZh"), "titleZh", form, "text", true);
            input(b, t.t("notices.titleEn"), "titleEn", form, "text", false);
            textarea(b, t.t("notices.bodyZh"), "bodyZh", form);
            textarea(b, t.t("notices.bodyEn"), "bodyEn", form);
            input(b, t.t("notices.area"), "area", form, "text", false);
            input(b, t.t("notices.reason"), "reason", form, "text", false);
            b.append("<fieldset id=\"outage-period\"><legend>").append(esc(t.t("notices.outage"))).append("</legend>");
            input(b, t.t("notices.outageStartsAt"), "outageStartsAt", form, t, false);
            input(b, t.t("notices.outageEndsAt"), "outageEndsAt", form, t, false);
            input(b, t.t("notices.restoration"), "expectedRestoration", form, t, false);
            b.append("<p class=\"hint\">").append(esc(t.t("notices.outageHint"))).append("</p></fieldset>");
            b.append("<fieldset id=\"display-window\"><legend>").append(esc(t.t("notices.display"))).append("</legend>");
            input(b, t.t("notices.startsAt"), "startsAt", form, t, true);
            input(b, t.t("notices.endsAt"), "endsAt", form, t, true);
            b.append("</fieldset>");
            input(b, t.t("notices.offices"), "offices", form, "text", false);
            b.append("<p class=\"hint\" id=\"prefill-note\" hidden>").append(esc(t.t("notices.prefilled"))).append("</p>");
            b.append("<p class=\"hint\">").append(esc(t.t("notices.timesIn", zone.getId()))).append(" ")
                    .append(esc(t.t("notices.dateTimeHint"))).append("</p>")
                    .append("<button type=\"submit\" id=\"publish\">").append(esc(t.t("notices.publish"))).append("</button></form></section>");
        }
        b.append("<p class=\"actions\"><a class=\"csv\" href=\"/export/notices.csv\">").append(esc(t.t("office.csv"))).append("</a></p>");
        if (notices.isEmpty()) {
            b.append("<p id=\"no-notices\">").append(esc(t.t("notices.none"))).append("</p>");
        }
        b.append("<table id=\"notices\" class=\"figures\"><thead><tr>");
        for (String h : List.of(t.t("notices.kind"), t.t("notices.titleZh"), t.t("notices.area"), t.t("notices.outage"),
                t.t("notices.display"), t.t("notices.officesColumn"), t.t("notices.state"), "")) {
            b.append("<th>").append(esc(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (NoticeRecord r : notices) {
            String state = r.withdrawnAt() != null ? "notices.withdrawn" : r.inForceAt(now) ? "notices.inForce" : "notices.ended";
            b.append("<tr data-notice=\"").append(esc(r.id())).append("\"><td>").append(esc(t.t("kind." + r.notice().kind())))
                    .append("</td><td>").append(esc(r.notice().titleZh())).append(r.notice().titleEn() == null ? "" : "<br><small>"
                            + esc(r.notice().titleEn()) + "</small>")
                    .append("</td><td>").append(esc(r.notice().area())).append("</td><td class=\"outage\">")
                    .append(r.notice().hasOutagePeriod() ? esc(Html.time(r.notice().outageStartsAt(), zone)) + " – "
                            + esc(Html.time(r.notice().outageEndsAt(), zone)) : "—")
                    .append("</td><td>").append(esc(Html.time(r.notice().startsAt(), zone))).append(" – ")
                    .append(esc(Html.time(r.notice().endsAt(), zone))).append("</td><td>")
                    .append(esc(r.forAllOffices() ? t.t("notices.allOffices") : String.join(", ", r.offices()))).append("</td><td>")
                    .append(esc(t.t(state))).append("</td><td>");
            if (s.user().canWriteNotices() && r.inForceAt(now)) {
                b.append("<form method=\"post\" action=\"/notices/").append(esc(r.id())).append("/withdraw\" class=\"inline\">").append(csrf(s))
                        .append("<button type=\"submit\" class=\"withdraw\">").append(esc(t.t("notices.withdraw"))).append("</button></form>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table>");
        return layout(t, s, "notices", t.t("notices.title"), b.toString(), false);
    }

    private static void input(StringBuilder b, String label, String name, Map<String, String> form, String type, boolean required) {
        b.append("<label>").append(esc(label)).append("<input type=\"").append(type).append("\" name=\"").append(name).append("\" id=\"")
                .append(name).append("\" value=\"").append(esc(form.getOrDefault(name, ""))).append("\"").append(required ? " required" : "")
                .append("></label>");
    }

    /** A date-time text field ({@code YYYY-MM-DD HH:mm}) with the page language's placeholder and hint, not the browser's locale control. */
    private static void input(StringBuilder b, String label, String name, Map<String, String> form, I18n t, boolean required) {
        b.append("<label>").append(esc(label)).append("<input type=\"text\" class=\"date-time\" name=\"").append(name).append("\" id=\"")
                .append(name).append("\" value=\"").append(esc(form.getOrDefault(name, ""))).append("\" size=\"16\" maxlength=\"16\"")
                .append(" autocomplete=\"off\" pattern=\"").append(DATE_TIME).append("\" placeholder=\"").append(esc(t.t("dateTime.placeholder")))
                .append("\" title=\"").append(esc(t.t("dateTime.hint"))).append("\"").append(required ? " required" : "").append("></label>");
    }

    private static void textarea(StringBuilder b, String label, String name, Map<String, String> form) {
        b.append("<label>").append(esc(label)).append("<textarea name=\"").append(name).append("\" id=\"").append(name).append("\" rows=\"3\">")
                .append(esc(form.getOrDefault(name, ""))).append("</textarea></label>");
    }

    String error(I18n t, Session s, int status, String message) {
        return layout(t, s, "error", String.valueOf(status), "<h1>" + status + "</h1><p id=\"error\">" + esc(message) + "</p>", false);
    }

    /** Local date-time for a form field, e.g. a default start. */
    String localInput(java.time.Instant at) {
        return LOCAL_INPUT.format(at.atZone(zone));
    }

    private String jsonForScript(Object data) {
        try {
            // "</" cannot close the script element when escaped as "<\/"
            return json.writeValueAsString(data).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new HubException("cannot write chart data: " + e.getMessage(), e);
        }
    }

    static LocalDate[] defaultRange(LocalDate today) {
        return new LocalDate[] {today.minusDays(29), today};
    }
}
