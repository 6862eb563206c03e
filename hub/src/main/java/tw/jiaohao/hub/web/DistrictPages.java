package tw.jiaohao.hub.web;

import static tw.jiaohao.hub.web.Html.esc;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.auth.Session;
import tw.jiaohao.hub.districts.Districts;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.Requests;
import tw.jiaohao.hub.server.Routes;
import tw.jiaohao.hub.server.WebFeature;

/**
 * Head office's districts page {@code /districts}: every office (by name, its id beside) with the
 * district it belongs to and a form to change it; {@code GET /api/districts} the same as JSON.
 * Head office only (the routes' rule, and {@link Districts#assign} checks the role again); every
 * form carries the session's CSRF token. A refused name comes back with the reason.
 */
final class DistrictPages implements WebFeature {
    private final Districts districts;
    private final Pages pages;
    private final Supplier<List<String>> offices;
    private final Function<String, String> officeName;

    DistrictPages(Districts districts, Pages pages, Supplier<List<String>> offices, Function<String, String> officeName) {
        this.districts = districts;
        this.pages = pages;
        this.offices = offices;
        this.officeName = officeName;
    }

    /** One office and its district ("" for none). */
    record Row(String office, String name, String district) {
    }

    @Override
    public void addTo(Routes r) {
        r.get("/districts", Access.HEAD_OFFICE, ctx -> page(ctx, null));
        r.post("/districts/{office}", Access.HEAD_OFFICE, ctx -> {
            try {
                districts.assign(Requests.session(ctx).user(), ctx.pathParam("office"), ctx.formParam("district"));
                ctx.redirect("/districts?done=" + ctx.pathParam("office"));
            } catch (HubException e) {
                page(ctx.status(400), e.getMessage());
            }
        });
        r.get("/api/districts", Access.HEAD_OFFICE, ctx -> ctx.json(rows()));
    }

    private List<Row> rows() {
        Map<String, String> all = districts.all();
        TreeSet<String> ids = new TreeSet<>(offices.get());
        ids.addAll(all.keySet());
        List<Row> out = new ArrayList<>();
        for (String id : ids) {
            out.add(new Row(id, officeName.apply(id), all.getOrDefault(id, "")));
        }
        return out;
    }

    private void page(Context ctx, String error) {
        I18n t = DashboardWeb.i18n(ctx);
        Session s = Requests.session(ctx);
        String csrf = "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(s.csrf()) + "\">";
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("districts.title"))).append("</h1><p>").append(esc(t.t("districts.intro"))).append("</p>");
        String done = ctx.queryParam("done");
        if (error != null) {
            b.append("<p class=\"error\" id=\"districts-error\" role=\"alert\">").append(esc(error)).append("</p>");
        } else if (done != null) {
            b.append("<p class=\"ok\" id=\"districts-done\">").append(esc(t.t("districts.done", officeName.apply(done)))).append("</p>");
        }
        b.append("<div class=\"scroll\"><table id=\"districts\" class=\"figures\"><thead><tr><th>").append(esc(t.t("districts.office")))
                .append("</th><th>").append(esc(t.t("districts.district"))).append("</th><th>").append(esc(t.t("districts.others")))
                .append("</th></tr></thead><tbody>");
        List<Row> rows = rows();
        for (Row row : rows) {
            String id = esc(row.office());
            List<String> others = rows.stream().filter(o -> !row.district().isEmpty() && o.district().equals(row.district())
                    && !o.office().equals(row.office())).map(Row::name).toList();
            b.append("<tr data-office=\"").append(id).append("\"><td><span title=\"").append(id).append("\">").append(esc(row.name()))
                    .append("</span></td><td><form method=\"post\" action=\"/districts/").append(id).append("\" class=\"inline district\">")
                    .append(csrf).append("<input name=\"district\" size=\"16\" maxlength=\"").append(Districts.MAX_NAME).append("\" value=\"")
                    .append(esc(row.district())).append("\" aria-label=\"").append(esc(t.t("districts.district"))).append("\" placeholder=\"")
                    .append(esc(t.t("districts.none"))).append("\"> <button type=\"submit\">").append(esc(t.t("districts.save")))
                    .append("</button></form></td><td class=\"others\">").append(others.isEmpty() ? "—" : esc(String.join("、", others)))
                    .append("</td></tr>");
        }
        b.append("</tbody></table></div><p class=\"hint\">").append(esc(t.t("districts.hint"))).append("</p>");
        ctx.html(pages.page(t, s, "districts", t.t("districts.title"), b.toString()));
    }
}
