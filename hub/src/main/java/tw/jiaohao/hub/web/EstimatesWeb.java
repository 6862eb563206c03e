package tw.jiaohao.hub.web;

import static tw.jiaohao.hub.web.Html.esc;
import static tw.jiaohao.hub.web.Html.percent;
import static tw.jiaohao.hub.web.Pages.th;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.estimates.Accuracy;
import tw.jiaohao.hub.estimates.EstimatesService;
import tw.jiaohao.hub.estimates.QuotedVsActual;
import tw.jiaohao.hub.report.ReportService;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.HttpError;
import tw.jiaohao.hub.server.Requests;
import tw.jiaohao.hub.server.Routes;
import tw.jiaohao.hub.server.WebFeature;
import tw.jiaohao.protocol.Check;

/**
 * The "quoted vs actual" page ({@code /offices/{office}/estimates}), its JSON
 * ({@code /api/dashboard/offices/{office}/estimates}) and CSV
 * ({@code /export/offices/{office}/estimates/quoted-vs-actual.csv}), all with the parameters of
 * waits-by-hour ({@code from}, {@code to}, {@code hours}) and for any signed-in user allowed to
 * see the office (docs/hub/API.md).
 */
final class EstimatesWeb implements WebFeature {
    private final EstimatesService estimates;
    private final ReportService reports;
    private final Pages pages;

    EstimatesWeb(EstimatesService estimates, ReportService reports, Pages pages) {
        this.estimates = estimates;
        this.reports = reports;
        this.pages = pages;
    }

    @Override
    public void addTo(Routes r) {
        Access seeOffice = Access.SIGNED_IN.seeingOffice("office");
        r.get("/offices/{office}/estimates", seeOffice, this::page);
        r.get("/api/dashboard/offices/{office}/estimates", seeOffice, ctx -> ctx.json(figures(ctx)));
        r.get("/export/offices/{office}/estimates/quoted-vs-actual.csv", seeOffice, this::csv);
    }

    private QuotedVsActual figures(Context ctx) {
        String office = ctx.pathParam("office");
        if (!Check.IDENTIFIER.matcher(office).matches()) {
            throw new HttpError(400, "an office id is 1-32 of a-z, 0-9 and '-'");
        }
        if (!Requests.user(ctx).canSee(office)) {
            throw new HttpError(403, "user " + Requests.user(ctx).username() + " may not see office " + office);
        }
        LocalDate[] range = Pages.defaultRange(reports.today(office));
        LocalDate from = Requests.date(ctx, "from", range[0]);
        LocalDate to = Requests.date(ctx, "to", range[1]);
        int[] hours = DashboardWeb.hours(ctx.queryParam("hours"));
        try {
            return estimates.quotedVsActual(office, from, to, hours[0], hours[1]);
        } catch (HubException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    static final List<String> CSV_COLUMNS = List.of("category", "label", "hour", "tickets", "meanQuotedMinutes", "meanActualMinutes",
            "meanAbsErrorMinutes", "biasMinutes", "p90AbsErrorMinutes", "withinFiveShare", "rangedTickets", "rangeCoverage");

    private void csv(Context ctx) {
        QuotedVsActual q = figures(ctx);
        Csv csv = new Csv();
        csv.row(CSV_COLUMNS);
        for (QuotedVsActual.Row row : q.rows()) {
            csv.row(csvRow(row.category(), row.label(), row.hour(), row.figures()));
        }
        for (QuotedVsActual.Row row : q.byCategory()) {
            csv.row(csvRow(row.category(), row.label(), "all", row.figures()));
        }
        for (QuotedVsActual.Row row : q.byHour()) {
            csv.row(csvRow("all", "", row.hour(), row.figures()));
        }
        csv.row(csvRow("all", "", "all", q.total().figures()));
        String name = q.office() + "-" + q.from() + "-" + q.to() + "-quoted-vs-actual.csv";
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        ctx.result(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<Object> csvRow(String category, String label, Object hour, Accuracy a) {
        return java.util.Arrays.asList(category, label, hour, a.tickets(), a.meanQuoted(), a.meanActual(), a.meanAbsError(), a.bias(),
                a.p90AbsError(), a.withinFive(), a.ranged(), a.coverage());
    }

    private void page(Context ctx) {
        QuotedVsActual q = figures(ctx);
        I18n t = DashboardWeb.i18n(ctx);
        String name = reports.officeName(q.office());
        String query = "?from=" + q.from() + "&to=" + q.to() + "&hours=" + q.fromHour() + "-" + q.toHour();
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("estimates.title", name))).append(" <small>").append(esc(q.office())).append("</small></h1>");
        b.append("<form id=\"range\" method=\"get\" class=\"range\">").append(DateFields.range(t, q.from(), q.to()))
                .append("<label>").append(esc(t.t("office.hours")))
                .append("<input type=\"text\" name=\"hours\" size=\"5\" pattern=\"[0-9]{1,2}-[0-9]{1,2}\" value=\"").append(q.fromHour())
                .append("-").append(q.toHour()).append("\"></label><button type=\"submit\">").append(esc(t.t("office.show")))
                .append("</button></form>");
        b.append("<p class=\"intro\">").append(esc(t.t("estimates.intro"))).append(" <a class=\"csv\" id=\"csv-estimates\" href=\"")
                .append(esc("/export/offices/" + q.office() + "/estimates/quoted-vs-actual.csv" + query)).append("\">")
                .append(esc(t.t("office.csv"))).append("</a></p>");
        Accuracy all = q.total().figures();
        b.append("<section class=\"cards\">");
        card(b, t.t("estimates.tickets"), String.valueOf(all.tickets()), "card-est-tickets");
        card(b, t.t("estimates.mae"), minutes(all.meanAbsError(), t, false), "card-est-mae");
        card(b, t.t("estimates.bias"), minutes(all.bias(), t, true), "card-est-bias");
        card(b, t.t("estimates.within5"), percent(all.withinFive()), "card-est-within5");
        card(b, t.t("estimates.coverage"), percent(all.coverage()), "card-est-coverage");
        b.append("</section>");
        if (all.tickets() == 0) {
            b.append("<p id=\"estimates-none\">").append(esc(t.t("estimates.none"))).append("</p>");
        }
        table(b, t, "est-categories", t.t("estimates.byCategory"), t.t("office.category"), q.byCategory(), false, q.total());
        List<QuotedVsActual.Row> hours = new ArrayList<>();
        boolean wholeDay = q.fromHour() == 0 && q.toHour() == 24;
        for (QuotedVsActual.Row h : q.byHour()) {
            if (!wholeDay || h.figures().tickets() > 0) {
                hours.add(h);
            }
        }
        table(b, t, "est-hours", t.t("estimates.byHour"), t.t("office.hour"), hours, true, q.total());
        table(b, t, "est-category-hours", t.t("estimates.byCategoryHour"), t.t("office.category"), q.rows(), true, null);
        ctx.html(pages.page(t, Requests.session(ctx), "office", t.t("estimates.title", name), b.toString()));
    }

    private static void table(StringBuilder b, I18n t, String id, String title, String keyHeader, List<QuotedVsActual.Row> rows,
                              boolean hourColumn, QuotedVsActual.Row total) {
        b.append("<section><h2>").append(esc(title)).append("</h2><div class=\"scroll\"><table id=\"table-").append(id)
                .append("\" class=\"figures\"><thead><tr><th>").append(esc(keyHeader)).append("</th>");
        if (hourColumn && id.equals("est-category-hours")) {
            b.append("<th>").append(esc(t.t("office.hour"))).append("</th>");
        }
        b.append(th(t, t.t("estimates.tickets"), t.t("help.estimates.tickets")))
                .append("<th>").append(esc(t.t("estimates.meanQuoted"))).append("</th>")
                .append(th(t, t.t("estimates.meanActual"), t.t("help.waitMean")))
                .append(th(t, t.t("estimates.mae"), t.t("help.estimates.mae")))
                .append(th(t, t.t("estimates.bias"), t.t("help.estimates.bias")))
                .append(th(t, t.t("estimates.p90"), t.t("help.estimates.p90")))
                .append(th(t, t.t("estimates.within5"), t.t("help.estimates.within5")))
                .append(th(t, t.t("estimates.coverage"), t.t("help.estimates.coverage"))).append("</tr></thead><tbody>");
        for (QuotedVsActual.Row row : rows) {
            b.append("<tr");
            if (row.category() != null) {
                b.append(" data-category=\"").append(esc(row.category())).append("\"");
            }
            if (row.hour() >= 0) {
                b.append(" data-hour=\"").append(row.hour()).append("\"");
            }
            b.append("><th>");
            if (id.equals("est-hours")) {
                b.append(hour(row.hour()));
            } else {
                b.append(esc(row.label()));
            }
            b.append("</th>");
            if (id.equals("est-category-hours")) {
                b.append("<td>").append(hour(row.hour())).append("</td>");
            }
            cells(b, t, row.figures());
            b.append("</tr>");
        }
        if (total != null) {
            b.append("<tr class=\"total\"><th>").append(esc(t.t("office.total"))).append("</th>");
            cells(b, t, total.figures());
            b.append("</tr>");
        }
        b.append("</tbody></table></div></section>");
    }

    private static String hour(int h) {
        return String.format(Locale.ROOT, "%02d:00–%02d:00", h, h + 1);
    }

    private static void cells(StringBuilder b, I18n t, Accuracy a) {
        for (String v : List.of(String.valueOf(a.tickets()), minutes(a.meanQuoted(), t, false), minutes(a.meanActual(), t, false),
                minutes(a.meanAbsError(), t, false), minutes(a.bias(), t, true), minutes(a.p90AbsError(), t, false),
                percent(a.withinFive()), percent(a.coverage()))) {
            b.append("<td class=\"num\">").append(esc(v)).append("</td>");
        }
    }

    /** Minutes to one decimal ("12.3 分" / "12.3 min"), signed for a bias; "–" for none. */
    static String minutes(Double m, I18n t, boolean signed) {
        if (m == null) {
            return "–";
        }
        return t.t("estimates.minutes", String.format(Locale.ROOT, signed ? "%+.1f" : "%.1f", m));
    }

    private static void card(StringBuilder b, String label, String value, String id) {
        b.append("<div class=\"card\" id=\"").append(id).append("\"><div class=\"label\">").append(esc(label))
                .append("</div><div class=\"value\">").append(esc(value)).append("</div></div>");
    }
}
