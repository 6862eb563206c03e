package tw.jiaohao.hub.web;

import static tw.jiaohao.hub.web.Html.esc;

import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.Session;
import tw.jiaohao.hub.cases.CaseAccess;
import tw.jiaohao.hub.cases.CaseDetail;
import tw.jiaohao.hub.cases.CasePersonal;
import tw.jiaohao.hub.cases.CaseRefusal;
import tw.jiaohao.hub.cases.CaseService;
import tw.jiaohao.hub.cases.CaseState;
import tw.jiaohao.hub.cases.CaseStep;
import tw.jiaohao.hub.cases.CaseSummary;
import tw.jiaohao.hub.cases.CasesApi;
import tw.jiaohao.hub.cases.Staff;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.HttpError;
import tw.jiaohao.hub.server.Requests;
import tw.jiaohao.hub.server.Routes;
import tw.jiaohao.hub.server.WebFeature;
import tw.jiaohao.protocol.Check;

/**
 * The case pages of the dashboard (issue 7): {@code /cases} (the list: state, age, target,
 * overdue; personal data masked), {@code /cases/{office}/{case}} (the view: personal data in
 * clear only for the office's own staff, the history, state changes and notes — forms with the
 * session's CSRF token), the CSV export {@code /export/cases.csv}, and the case counts and ages
 * shown on the statistics pages. Who may do what is {@link CaseAccess#BY_ROLE}, enforced by
 * {@link CaseService}; these pages only render what it returns.
 */
final class CasePages implements WebFeature {
    private static final Set<CaseState> OPEN = EnumSet.of(CaseState.RECEIVED, CaseState.VERIFIED, CaseState.DISPATCHED);

    private final CaseService cases;
    private final CasesApi api;
    private final Pages pages;
    private final ZoneId zone;

    CasePages(CaseService cases, CasesApi api, Pages pages, ZoneId zone) {
        this.cases = cases;
        this.api = api;
        this.pages = pages;
        this.zone = zone;
    }

    /** The pages' routes and the cases API's; who may do what beyond the route's rule is {@link CaseAccess}'s. */
    @Override
    public void addTo(Routes routes) {
        api.addTo(routes);
        Access see = Access.SIGNED_IN.seeingOffice("office");
        Access work = Access.roles(Role.HEAD_OFFICE, Role.OFFICE_MANAGER).seeingOffice("office");
        routes.get("/cases", Access.SIGNED_IN, this::listPage);
        routes.get("/cases/{office}/{case}", see, ctx -> viewPage(ctx, null, 200));
        routes.post("/cases/{office}/{case}/state", work, this::stateForm);
        routes.post("/cases/{office}/{case}/notes", work, this::noteForm);
    }

    static Staff staff(Session s) {
        var u = s.user();
        return new Staff(u.username(), tw.jiaohao.hub.cases.Role.valueOf(u.role().name()), u.office());
    }

    private static Session session(Context ctx) {
        return Requests.session(ctx);
    }

    /** Open (default), all, or the states listed in {@code state=A,B}. */
    private static Set<CaseState> states(String param) {
        if (param == null || param.isBlank() || param.equals("open")) {
            return OPEN;
        }
        if (param.equals("all")) {
            return EnumSet.noneOf(CaseState.class);
        }
        Set<CaseState> out = EnumSet.noneOf(CaseState.class);
        for (String p : param.split(",")) {
            try {
                out.add(CaseState.valueOf(p.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "state must be open, all or one of " + List.of(CaseState.values()));
            }
        }
        return out;
    }

    private static String officeFilter(Context ctx) {
        String o = ctx.queryParam("office");
        if (o == null || o.isBlank()) {
            return null;
        }
        if (!Check.IDENTIFIER.matcher(o).matches()) {
            throw new HttpError(400, "an office id is 1-32 of a-z, 0-9 and '-'");
        }
        return o;
    }

    List<CaseSummary> list(Context ctx) {
        try {
            return cases.list(staff(session(ctx)), officeFilter(ctx), states(ctx.queryParam("state")));
        } catch (CaseRefusal e) {
            throw refusal(e);
        }
    }

    private static HttpError refusal(CaseRefusal e) {
        return new HttpError(switch (e.why()) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case INVALID -> 400;
        }, e.getMessage());
    }

    private void listPage(Context ctx) {
        Session s = session(ctx);
        I18n t = DashboardWeb.i18n(ctx);
        List<CaseSummary> list = list(ctx);
        String state = ctx.queryParam("state") == null ? "open" : ctx.queryParam("state");
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("cases.title"))).append("</h1>");
        b.append("<form id=\"case-filter\" method=\"get\" class=\"range\"><label>").append(esc(t.t("cases.state")))
                .append("<select name=\"state\" id=\"state-filter\">");
        List<String> options = new ArrayList<>(List.of("open", "all"));
        for (CaseState cs : CaseState.values()) {
            options.add(cs.name());
        }
        for (String o : options) {
            String label = o.equals("open") ? t.t("cases.open") : o.equals("all") ? t.t("cases.all") : t.t("casestate." + o);
            b.append("<option value=\"").append(o).append("\"").append(o.equals(state) ? " selected" : "").append(">").append(esc(label))
                    .append("</option>");
        }
        b.append("</select></label>");
        if (s.user().office() == null) {
            String office = ctx.queryParam("office");
            b.append("<label>").append(esc(t.t("cases.office"))).append("<input name=\"office\" id=\"office-filter\" value=\"")
                    .append(esc(office == null ? "" : office)).append("\"></label>");
        }
        b.append("<button type=\"submit\">").append(esc(t.t("cases.show"))).append("</button></form>");
        b.append("<p class=\"actions\"><a class=\"csv\" id=\"cases-csv\" href=\"/export/cases.csv?state=").append(esc(state))
                .append(ctx.queryParam("office") == null ? "" : "&office=" + esc(ctx.queryParam("office"))).append("\">")
                .append(esc(t.t("office.csv"))).append("</a></p>");
        if (list.isEmpty()) {
            b.append("<p id=\"no-cases\">").append(esc(t.t("cases.none"))).append("</p>");
        }
        b.append("<div class=\"scroll\"><table id=\"cases\" class=\"figures\"><thead><tr>");
        for (String h : List.of(t.t("cases.case"), t.t("cases.office"), t.t("cases.kind"), t.t("cases.state"), t.t("cases.age"),
                t.t("cases.due"), t.t("cases.name"), t.t("cases.phone"), t.t("cases.address"), t.t("cases.check"))) {
            b.append("<th>").append(esc(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (CaseSummary c : list) {
            b.append("<tr data-case=\"").append(esc(c.caseNumber())).append("\"").append(c.overdue() ? " class=\"overdue\"" : "").append(">")
                    .append("<td><a href=\"/cases/").append(esc(c.office())).append("/").append(esc(c.caseNumber())).append("\">")
                    .append(esc(c.caseNumber())).append("</a></td><td>").append(esc(c.office())).append("</td><td>")
                    .append(esc(t.t("casekind." + c.kind()))).append("</td><td data-f=\"state\">").append(esc(t.t("casestate." + c.state())))
                    .append("</td><td class=\"num\" data-f=\"age\">").append(esc(age(t, c.ageMinutes()))).append("</td><td data-f=\"due\"")
                    .append(c.overdue() ? " class=\"bad\"" : "").append(">").append(esc(Html.time(c.dueAt(), zone)))
                    .append(c.overdue() ? " · " + esc(t.t("cases.overdue")) : "").append("</td><td>").append(esc(c.maskedName()))
                    .append("</td><td>").append(esc(c.maskedPhone())).append("</td><td>").append(esc(c.maskedAddress()))
                    .append("</td><td>").append(esc(t.t("casecheck." + c.kioskCheck()))).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        ctx.html(pages.page(t, s, "cases", t.t("cases.title"), b.toString()));
    }

    private void viewPage(Context ctx, String error, int status) {
        Session s = session(ctx);
        I18n t = DashboardWeb.i18n(ctx);
        Staff staff = staff(s);
        String office = ctx.pathParam("office");
        CaseDetail d;
        try {
            d = cases.view(staff, checkedOffice(office), ctx.pathParam("case"));
        } catch (CaseRefusal e) {
            throw refusal(e);
        }
        CaseSummary c = d.summary();
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("case.title", c.caseNumber()))).append(" <small>").append(esc(c.office())).append("</small></h1>");
        if (error != null) {
            b.append("<p class=\"error\" id=\"case-error\">").append(esc(error)).append("</p>");
        }
        b.append("<dl class=\"case\" id=\"case-summary\">");
        dt(b, t.t("cases.kind"), t.t("casekind." + c.kind()), "kind");
        dt(b, t.t("cases.state"), t.t("casestate." + c.state()), "state");
        dt(b, t.t("case.account"), c.accountNumber(), "account");
        dt(b, t.t("cases.check"), t.t("casecheck." + c.kioskCheck()), "check");
        dt(b, t.t("case.verification"), c.verification() + (c.problem() == null ? "" : " · " + c.problem()), "verification");
        dt(b, t.t("case.takenAt"), Html.time(c.takenAt(), zone), "taken");
        dt(b, t.t("cases.due"), Html.time(c.dueAt(), zone) + (c.overdue() ? " · " + t.t("cases.overdue") : ""), "due");
        dt(b, t.t("cases.age"), age(t, c.ageMinutes()), "age");
        if (c.closedAt() != null) {
            dt(b, t.t("case.closedAt"), Html.time(c.closedAt(), zone), "closed");
        }
        if (c.reason() != null) {
            dt(b, t.t("case.reason"), c.reason().name(), "reason");
        }
        if (c.effectiveDate() != null) {
            dt(b, t.t("case.effective"), c.effectiveDate().toString(), "effective");
        }
        b.append("</dl><h2>").append(esc(t.t("case.personal"))).append("</h2><dl class=\"case\" id=\"case-personal\">");
        CasePersonal p = d.personal();
        if (p != null) {
            dt(b, t.t("cases.name"), p.name(), "name");
            dt(b, t.t("case.nationalId"), p.nationalId(), "national-id");
            dt(b, t.t("cases.phone"), p.phone(), "phone");
            dt(b, t.t("cases.address"), p.serviceAddress(), "address");
            dt(b, t.t("case.houseNumber"), p.houseNumber(), "house-number");
            dt(b, t.t("case.holder"), p.holderName(), "holder");
            b.append("</dl><p class=\"hint\">").append(esc(t.t("case.personalLogged"))).append("</p>");
        } else {
            dt(b, t.t("cases.name"), c.maskedName(), "name");
            dt(b, t.t("case.nationalId"), c.maskedNationalId(), "national-id");
            dt(b, t.t("cases.phone"), c.maskedPhone(), "phone");
            dt(b, t.t("cases.address"), c.maskedAddress(), "address");
            b.append("</dl><p class=\"hint\" id=\"personal-masked\">").append(esc(t.t(c.erased() ? "case.erased" : "case.masked")))
                    .append("</p>");
        }
        b.append("<h2>").append(esc(t.t("case.steps"))).append("</h2><table id=\"steps\" class=\"figures\"><thead><tr><th>")
                .append(esc(t.t("case.at"))).append("</th><th>").append(esc(t.t("case.actor"))).append("</th><th>")
                .append(esc(t.t("case.change"))).append("</th><th>").append(esc(t.t("case.note"))).append("</th></tr></thead><tbody>");
        for (CaseStep st : d.steps()) {
            b.append("<tr><td>").append(esc(Html.time(st.at(), zone))).append("</td><td>").append(esc(st.actor())).append("</td><td>");
            if (st.to() != null) {
                b.append(st.from() == null ? "" : esc(t.t("casestate." + st.from())) + " → ").append(esc(t.t("casestate." + st.to())));
            }
            b.append("</td><td>").append(esc(st.note())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        String base = "/cases/" + esc(c.office()) + "/" + esc(c.caseNumber());
        if (!d.next().isEmpty()) {
            b.append("<section class=\"case-actions\"><h2>").append(esc(t.t("case.move"))).append("</h2>")
                    .append("<form method=\"post\" action=\"").append(base).append("/state\" id=\"state-form\">").append(csrf(s))
                    .append("<label>").append(esc(t.t("case.note"))).append("<textarea name=\"note\" id=\"state-note\" rows=\"2\" maxlength=\"")
                    .append(CaseService.MAX_NOTE).append("\"></textarea></label><p class=\"hint\">").append(esc(t.t("case.noteRequired")))
                    .append("</p><p class=\"buttons\">");
            for (CaseState next : d.next()) {
                b.append("<button type=\"submit\" name=\"to\" value=\"").append(next).append("\" id=\"to-").append(next.name().toLowerCase(Locale.ROOT))
                        .append("\"").append(next == CaseState.REJECTED ? " class=\"danger\"" : "").append(">")
                        .append(esc(t.t("case.to." + next))).append("</button> ");
            }
            b.append("</p></form></section>");
        }
        if (CaseAccess.BY_ROLE.mayWork(staff, c.office()) && !c.erased()) {
            b.append("<section><h2>").append(esc(t.t("case.addNote"))).append("</h2><form method=\"post\" action=\"").append(base)
                    .append("/notes\" id=\"note-form\">").append(csrf(s)).append("<textarea name=\"note\" id=\"note\" rows=\"2\" required maxlength=\"")
                    .append(CaseService.MAX_NOTE).append("\"></textarea><button type=\"submit\" id=\"add-note\">")
                    .append(esc(t.t("case.addNote"))).append("</button></form></section>");
        }
        b.append("<p><a href=\"/cases\">").append(esc(t.t("case.back"))).append("</a></p>");
        ctx.status(status).html(pages.page(t, s, "cases", t.t("case.title", c.caseNumber()), b.toString()));
    }

    private static String checkedOffice(String office) {
        if (!Check.IDENTIFIER.matcher(office).matches()) {
            throw new HttpError(400, "an office id is 1-32 of a-z, 0-9 and '-'");
        }
        return office;
    }

    private void stateForm(Context ctx) {
        CaseState to;
        try {
            to = CaseState.valueOf(String.valueOf(ctx.formParam("to")));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "choose the new state");
        }
        String note = ctx.formParam("note");
        work(ctx, (staff, office, number) -> cases.transition(staff, office, number, to, note == null || note.isBlank() ? null : note.strip()));
    }

    private void noteForm(Context ctx) {
        String note = ctx.formParam("note");
        work(ctx, (staff, office, number) -> cases.note(staff, office, number, note == null ? null : note.strip()));
    }

    /** A change to one case from a form. */
    @FunctionalInterface
    private interface CaseWork {
        void run(Staff staff, String office, String caseNumber);
    }

    /** Does it, then back to the case view; input the user can fix re-shows the view with the message. */
    private void work(Context ctx, CaseWork work) {
        Session s = session(ctx);
        String office = checkedOffice(ctx.pathParam("office"));
        String number = ctx.pathParam("case");
        try {
            work.run(staff(s), office, number);
        } catch (CaseRefusal e) {
            if (e.why() == CaseRefusal.Why.INVALID || e.why() == CaseRefusal.Why.CONFLICT) {
                viewPage(ctx, e.getMessage(), e.why() == CaseRefusal.Why.INVALID ? 400 : 409);
                return;
            }
            throw refusal(e);
        }
        ctx.redirect("/cases/" + office + "/" + java.net.URLEncoder.encode(number, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The CSV of the list the user sees (same filters), personal data masked. */
    void csv(Context ctx, Csv csv) {
        csv.row("office", "caseNumber", "kind", "state", "ageMinutes", "overdue", "takenAt", "receivedAt", "dueAt", "closedAt", "kioskCheck",
                "verification", "problem", "maskedName", "maskedNationalId", "maskedPhone", "maskedAddress");
        for (CaseSummary c : list(ctx)) {
            csv.row(c.office(), c.caseNumber(), c.kind(), c.state(), c.ageMinutes(), c.overdue(), c.takenAt(), c.receivedAt(), c.dueAt(),
                    c.closedAt(), c.kioskCheck(), c.verification(), c.problem(), c.maskedName(), c.maskedNationalId(), c.maskedPhone(),
                    c.maskedAddress());
        }
    }

    /** The open cases per office for the statistics pages (null office: every office the user may see). */
    String summarySection(I18n t, Session s, String office) {
        List<CasesApi.OfficeCases> rows = api.summary(staff(s)).stream().filter(r -> office == null || r.office().equals(office)).toList();
        StringBuilder b = new StringBuilder();
        b.append("<section id=\"case-summary-section\"><h2>").append(esc(t.t("cases.summary"))).append(" <a class=\"csv\" href=\"/cases")
                .append(office == null ? "" : "?office=" + esc(office)).append("\">").append(esc(t.t("cases.title"))).append("</a></h2>");
        if (rows.isEmpty()) {
            b.append("<p id=\"no-open-cases\">").append(esc(t.t("cases.noneOpen"))).append("</p></section>");
            return b.toString();
        }
        b.append("<table id=\"case-summary\" class=\"figures\"><thead><tr><th>").append(esc(t.t("cases.office"))).append("</th>");
        for (CaseState cs : OPEN) {
            b.append("<th>").append(esc(t.t("casestate." + cs))).append("</th>");
        }
        b.append("<th>").append(esc(t.t("cases.overdue"))).append("</th><th>").append(esc(t.t("cases.oldest"))).append("</th></tr></thead><tbody>");
        for (CasesApi.OfficeCases r : rows) {
            b.append("<tr data-office=\"").append(esc(r.office())).append("\"><td><a href=\"/cases?office=").append(esc(r.office())).append("\">")
                    .append(esc(r.office())).append("</a></td>");
            for (CaseState cs : OPEN) {
                b.append("<td class=\"num\">").append(r.open().getOrDefault(cs, 0)).append("</td>");
            }
            b.append("<td class=\"num").append(r.overdue() > 0 ? " bad" : "").append("\" data-f=\"overdue\">").append(r.overdue())
                    .append("</td><td class=\"num\" data-f=\"oldest\">").append(esc(age(t, r.oldestOpenMinutes()))).append("</td></tr>");
        }
        b.append("</tbody></table></section>");
        return b.toString();
    }

    private static void dt(StringBuilder b, String label, String value, String id) {
        b.append("<dt>").append(esc(label)).append("</dt><dd id=\"case-").append(id).append("\">").append(esc(value == null ? "–" : value))
                .append("</dd>");
    }

    private static String csrf(Session s) {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(s.csrf()) + "\">";
    }

    /** Minutes as "2 d 3 h", "3 h 5 min" or "12 min". */
    static String age(I18n t, long minutes) {
        long d = minutes / (24 * 60);
        long h = (minutes / 60) % 24;
        long m = minutes % 60;
        if (d > 0) {
            return t.t("age.dh", d, h);
        }
        return h > 0 ? t.t("age.hm", h, m) : t.t("age.m", m);
    }
}
