package tw.jiaohao.hub.web;

import static tw.jiaohao.hub.web.Html.esc;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.HttpError;
import tw.jiaohao.hub.server.Requests;
import tw.jiaohao.hub.server.Routes;
import tw.jiaohao.hub.server.WebFeature;
import tw.jiaohao.hub.staffing.StaffingService;
import tw.jiaohao.protocol.Check;

/**
 * Staffing advice and what-if (docs/STAFFING.md) on the dashboard: the pages
 * {@code /offices/{office}/staffing} and {@code …/staffing/what-if}, their JSON under
 * {@code /api/dashboard/offices/{office}/staffing…} and CSV under
 * {@code /export/offices/{office}/staffing/…}. Head office and the office's managers only
 * (deciding counters is a manager's job); anyone else is refused by the server's guard.
 */
final class StaffingPages implements WebFeature {
    private final StaffingService staffing;
    private final Pages pages;
    private final AtomicLong refused = new AtomicLong();

    StaffingPages(StaffingService staffing, Pages pages) {
        this.staffing = staffing;
        this.pages = pages;
    }

    @Override
    public void addTo(Routes r) {
        Access managers = Access.roles(Role.HEAD_OFFICE, Role.OFFICE_MANAGER).seeingOffice("office");
        r.get("/offices/{office}/staffing", managers, this::advicePage);
        r.get("/offices/{office}/staffing/what-if", managers, this::whatIfPage);
        r.get("/api/dashboard/offices/{office}/staffing", managers, ctx -> ctx.json(call(ctx, () -> staffing.advise(office(ctx), date(ctx)))));
        r.get("/api/dashboard/offices/{office}/staffing/what-if", managers,
                ctx -> ctx.json(call(ctx, () -> staffing.whatIf(office(ctx), date(ctx), counts(ctx)))));
        r.get("/export/offices/{office}/staffing/advice.csv", managers, ctx -> csv(ctx, "staffing-advice",
                call(ctx, () -> staffing.adviceCsv(office(ctx), date(ctx), locale(ctx)))));
        r.get("/export/offices/{office}/staffing/what-if.csv", managers, ctx -> csv(ctx, "staffing-what-if",
                call(ctx, () -> staffing.whatIfCsv(office(ctx), date(ctx), counts(ctx), locale(ctx)))));
    }

    /** Refused inputs since start (bad counts, no state, no history). */
    long refused() {
        return refused.get();
    }

    private <T> T call(Context ctx, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (StaffingService.Unavailable e) {
            refused.incrementAndGet();
            throw new HttpError(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            refused.incrementAndGet();
            throw new HttpError(400, e.getMessage());
        }
    }

    private void csv(Context ctx, String name, String body) {
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "-" + office(ctx) + "-" + date(ctx) + ".csv\"")
                .result(("\uFEFF" + body).getBytes(StandardCharsets.UTF_8));
    }

    private static String office(Context ctx) {
        String office = ctx.pathParam("office");
        if (!Check.IDENTIFIER.matcher(office).matches()) {
            throw new HttpError(404, "no such office");
        }
        return office;
    }

    private LocalDate date(Context ctx) {
        LocalDate today = staffing.today();
        LocalDate d = Requests.date(ctx, "date", today.plusDays(1));
        if (d.isBefore(today) || d.isAfter(today.plusDays(31))) {
            throw new HttpError(400, "date: a day from today (" + today + ") to 31 days ahead, got " + d);
        }
        return d;
    }

    /** {@code counters=3,3,4,…}: counters open per hour from the office's first hour. */
    private static int[] counts(Context ctx) {
        String s = ctx.queryParam("counters");
        if (s == null || !s.strip().matches("[0-9]{1,2}( *, *[0-9]{1,2}){0,23}")) {
            throw new HttpError(400, "counters: the number of counters open per hour, separated by commas (e.g. 2,3,3,4), got '"
                    + (s == null ? "" : s.strip()) + "'");
        }
        return Arrays.stream(s.strip().split(" *, *")).mapToInt(Integer::parseInt).toArray();
    }

    private static Locale locale(Context ctx) {
        return "en".equals(DashboardWeb.i18n(ctx).lang()) ? Locale.ENGLISH : Locale.TRADITIONAL_CHINESE;
    }

    private void advicePage(Context ctx) {
        I18n t = DashboardWeb.i18n(ctx);
        String office = office(ctx);
        LocalDate date = date(ctx);
        StringBuilder b = new StringBuilder();
        head(b, t, office, date, "staffing.advice.title", "advice");
        try {
            StaffingService.Result a = staffing.advise(office, date);
            b.append("<p id=\"staffing-target\">").append(esc(t.t("staffing.target", a.targetPercent(), fmt(a.targetMinutes()))))
                    .append("</p><section><h2>").append(esc(t.t("staffing.inWords"))).append("</h2><ul id=\"staffing-words\">");
            boolean zh = "zh".equals(t.lang());
            for (StaffingService.Line l : a.lines()) {
                b.append("<li>").append(esc(zh ? l.zh() : l.en())).append("</li>");
            }
            b.append("</ul>");
            if (!a.unreachableHours().isEmpty()) {
                b.append("<p id=\"staffing-unreachable\" class=\"warn\">").append(esc(t.t("staffing.unreachable", String.join(", ", a.unreachableHours().stream().sorted()
                                .map(h -> String.format("%02d:00", h)).toList()))))
                        .append("</p>");
            }
            b.append("</section>");
            table(b, t, a, true);
            summary(b, t, a);
            String counts = String.join(",", a.hours().stream().map(h -> String.valueOf(h.counters())).toList());
            b.append("<p><a id=\"staffing-csv\" class=\"csv\" href=\"/export/offices/").append(esc(office)).append("/staffing/advice.csv?date=")
                    .append(date).append("\">").append(esc(t.t("office.csv"))).append("</a> · <a id=\"staffing-try\" href=\"/offices/")
                    .append(esc(office)).append("/staffing/what-if?date=").append(date).append("&amp;lang=").append(t.lang()).append("&amp;counters=").append(esc(counts))
                    .append("\">").append(esc(t.t("staffing.tryIt"))).append("</a></p>");
        } catch (StaffingService.Unavailable e) {
            unavailable(b, t, e);
        }
        ctx.html(pages.page(t, Requests.session(ctx), "office", t.t("staffing.advice.title", office), b.toString()));
    }

    private void whatIfPage(Context ctx) {
        I18n t = DashboardWeb.i18n(ctx);
        String office = office(ctx);
        LocalDate date = date(ctx);
        StringBuilder b = new StringBuilder();
        head(b, t, office, date, "staffing.whatIf.title", "what-if");
        String given = ctx.queryParam("counters");
        try {
            if (given == null || given.isBlank()) {
                StaffingService.Result a = staffing.advise(office, date);
                given = String.join(",", a.hours().stream().map(h -> String.valueOf(h.counters())).toList());
            }
            String shown = given.strip();
            b.append("<form id=\"whatif-form\" method=\"get\" class=\"range\"><input type=\"hidden\" name=\"date\" value=\"").append(date)
                    .append("\">").append(DateFields.keepLanguage(t)).append("<label>").append(esc(t.t("staffing.countersPerHour"))).append("<input type=\"text\" id=\"whatif-counters\" name=\"counters\" size=\"40\" value=\"")
                    .append(esc(shown)).append("\"></label><button type=\"submit\" id=\"whatif-go\">").append(esc(t.t("staffing.compute")))
                    .append("</button></form>");
            StaffingService.Result w;
            try {
                w = staffing.whatIf(office, date, counts(ctx, shown));
            } catch (IllegalArgumentException | HttpError e) {
                refused.incrementAndGet();
                b.append("<p id=\"whatif-error\" class=\"error\">").append(esc(e.getMessage())).append("</p>");
                ctx.status(400).html(pages.page(t, Requests.session(ctx), "office", t.t("staffing.whatIf.title", office), b.toString()));
                return;
            }
            b.append("<p id=\"staffing-target\">").append(esc(t.t("staffing.target", w.targetPercent(), fmt(w.targetMinutes())))).append("</p>");
            table(b, t, w, false);
            summary(b, t, w);
            b.append("<p><a id=\"whatif-csv\" class=\"csv\" href=\"/export/offices/").append(esc(office)).append("/staffing/what-if.csv?date=")
                    .append(date).append("&amp;counters=").append(esc(shown)).append("\">").append(esc(t.t("office.csv"))).append("</a></p>");
        } catch (StaffingService.Unavailable e) {
            unavailable(b, t, e);
        }
        ctx.html(pages.page(t, Requests.session(ctx), "office", t.t("staffing.whatIf.title", office), b.toString()));
    }

    private static int[] counts(Context ctx, String s) {
        if (!s.matches("[0-9]{1,2}( *, *[0-9]{1,2}){0,23}")) {
            throw new IllegalArgumentException("counters: the number of counters open per hour, separated by commas (e.g. 2,3,3,4)");
        }
        return Arrays.stream(s.split(" *, *")).mapToInt(Integer::parseInt).toArray();
    }

    private void head(StringBuilder b, I18n t, String office, LocalDate date, String titleKey, String which) {
        b.append("<h1>").append(esc(t.t(titleKey, office))).append("</h1>");
        b.append("<p class=\"staffing-nav\"><a id=\"back-office\" href=\"/offices/").append(esc(office)).append("\">")
                .append(esc(t.t("staffing.back"))).append("</a> · ");
        if (which.equals("advice")) {
            b.append("<a id=\"to-whatif\" href=\"/offices/").append(esc(office)).append("/staffing/what-if?date=").append(date).append("&amp;lang=").append(t.lang()).append("\">")
                    .append(esc(t.t("staffing.whatIf.link"))).append("</a>");
        } else {
            b.append("<a id=\"to-advice\" href=\"/offices/").append(esc(office)).append("/staffing?date=").append(date).append("&amp;lang=").append(t.lang()).append("\">")
                    .append(esc(t.t("staffing.advice.link"))).append("</a>");
        }
        b.append("</p><form id=\"staffing-date\" method=\"get\" class=\"range\">").append(DateFields.keepLanguage(t)).append("<label>").append(esc(t.t("staffing.date")))
                .append(DateFields.field(t, "date", date)).append("</label><button type=\"submit\">")
                .append(esc(t.t("office.show"))).append("</button></form>");
    }

    private static void unavailable(StringBuilder b, I18n t, StaffingService.Unavailable e) {
        b.append("<p id=\"staffing-none\" class=\"error\">").append(esc(t.t("staffing.none." + e.reason()))).append("</p>");
    }

    private static void table(StringBuilder b, I18n t, StaffingService.Result a, boolean advice) {
        b.append("<div class=\"scroll\"><table id=\"staffing-hours\" class=\"figures\"><thead><tr><th>").append(esc(t.t("staffing.hour")))
                .append("</th><th>").append(esc(t.t("staffing.counters"))).append("</th><th>").append(esc(t.t("staffing.numbers")))
                .append("</th><th>").append(esc(t.t("staffing.tickets"))).append("</th><th>").append(esc(t.t("staffing.within", a.targetMinutes() == Math.rint(a.targetMinutes()) ? String.valueOf((int) a.targetMinutes()) : fmt(a.targetMinutes()))))
                .append("</th><th>p50</th><th>p90</th>");
        if (advice) {
            b.append("<th>").append(esc(t.t("staffing.erlang"))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (StaffingService.Hour h : a.hours()) {
            b.append("<tr data-hour=\"").append(h.hour()).append("\"><td>").append(String.format("%02d:00–%02d:00", h.hour(), h.hour() + 1))
                    .append("</td><td data-f=\"counters\" class=\"num\">").append(h.counters()).append("</td><td data-f=\"numbers\">")
                    .append(esc(String.join(", ", h.numbers().stream().map(String::valueOf).toList())))
                    .append("</td><td data-f=\"tickets\" class=\"num\">").append(String.format(Locale.ROOT, "%.1f", h.ticketsExpected()))
                    .append("</td><td data-f=\"within\" class=\"num\">").append(pct(h.shareWithin()))
                    .append("</td><td data-f=\"p50\" class=\"num\">").append(min(t, h.p50Minutes()))
                    .append("</td><td data-f=\"p90\" class=\"num\">").append(min(t, h.p90Minutes())).append("</td>");
            if (advice) {
                b.append("<td data-f=\"erlang\" class=\"num\">").append(h.erlangCounters()).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table></div>");
    }

    private static void summary(StringBuilder b, I18n t, StaffingService.Result a) {
        b.append("<p id=\"staffing-day\">").append(esc(t.t("staffing.day", pct(a.dayShareWithin()), pct(a.daysMeetingTarget()),
                a.simulatedDays()))).append("</p>");
    }

    /** A share as a whole percent ("—" when there is none); the browser test reads the same rounding. */
    static String pct(Double share) {
        return share == null || share.isNaN() ? "—" : Math.round(share * 100) + " %";
    }

    static String min(I18n t, Double minutes) {
        return minutes == null ? "—" : String.format(Locale.ROOT, "%.1f", Math.min(minutes, 24 * 60)) + " " + t.t("staffing.min");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((int) v) : String.valueOf(v);
    }
}
