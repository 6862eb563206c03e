package tw.jiaohao.hub.web;

import static tw.jiaohao.hub.web.Html.esc;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.auth.AuthService;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.Session;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.hub.auth.UserStore;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.Requests;
import tw.jiaohao.hub.server.Routes;
import tw.jiaohao.hub.server.WebFeature;

/**
 * Head office's users page {@code /users}: every dashboard user with role, office and state; a
 * form to create one; per user forms to change role and office, set a new password, and disable
 * or enable the account. Head office only (the routes' rule); every form carries the session's
 * CSRF token like every other form. A head-office user cannot change or disable their own
 * account here. A refused form comes back with the reason (the password never comes back).
 */
final class UsersPages implements WebFeature {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final AuthService auth;
    private final Pages pages;
    private final ZoneId zone;
    private final Clock clock;

    UsersPages(AuthService auth, Pages pages, ZoneId zone, Clock clock) {
        this.auth = auth;
        this.pages = pages;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void addTo(Routes r) {
        r.get("/users", Access.HEAD_OFFICE, ctx -> page(ctx, null));
        r.post("/users", Access.HEAD_OFFICE, ctx -> act(ctx, "created", () -> {
            String office = ctx.formParam("office");
            auth.createUser(new User(trim(ctx.formParam("username")), role(ctx.formParam("role")), office == null || office.isBlank() ? null : office.strip()),
                    password(ctx));
        }));
        r.post("/users/{user}/role", Access.HEAD_OFFICE, ctx -> act(ctx, "changed", () -> {
            String office = ctx.formParam("office");
            auth.changeRole(me(ctx), new User(ctx.pathParam("user"), role(ctx.formParam("role")),
                    office == null || office.isBlank() ? null : office.strip()));
        }));
        r.post("/users/{user}/password", Access.HEAD_OFFICE, ctx -> act(ctx, "password",
                () -> auth.resetPassword(me(ctx), ctx.pathParam("user"), password(ctx))));
        r.post("/users/{user}/disable", Access.HEAD_OFFICE, ctx -> act(ctx, "disabled",
                () -> auth.setDisabled(me(ctx), ctx.pathParam("user"), true, clock.instant())));
        r.post("/users/{user}/enable", Access.HEAD_OFFICE, ctx -> act(ctx, "enabled",
                () -> auth.setDisabled(me(ctx), ctx.pathParam("user"), false, clock.instant())));
        r.get("/api/users", Access.HEAD_OFFICE, ctx -> ctx.json(auth.listUsers().stream().map(l -> java.util.Map.of(
                "username", l.user().username(), "role", l.user().role().name(), "office", l.user().office() == null ? "" : l.user().office(),
                "disabled", l.disabled())).toList()));
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static Role role(String text) {
        try {
            return Role.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new HubException("a user needs a role: HEAD_OFFICE, OFFICE_MANAGER or STAFF");
        }
    }

    private static char[] password(Context ctx) {
        String p = ctx.formParam("password");
        return p == null ? new char[0] : p.toCharArray();
    }

    private static User me(Context ctx) {
        return Requests.session(ctx).user();
    }

    private void act(Context ctx, String done, Runnable action) {
        try {
            action.run();
            ctx.redirect("/users?done=" + done);
        } catch (HubException e) {
            page(ctx.status(400), e.getMessage());
        }
    }

    private void page(Context ctx, String error) {
        I18n t = DashboardWeb.i18n(ctx);
        Session s = Requests.session(ctx);
        String csrf = "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(s.csrf()) + "\">";
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(t.t("users.title"))).append("</h1>");
        String done = ctx.queryParam("done");
        if (error != null) {
            b.append("<p class=\"error\" id=\"users-error\" role=\"alert\">").append(esc(error)).append("</p>");
        } else if (done != null && done.matches("[a-z]{1,12}")) {
            b.append("<p class=\"ok\" id=\"users-done\">").append(esc(t.t("users.done." + done))).append("</p>");
        }
        b.append("<h2>").append(esc(t.t("users.create"))).append("</h2><form method=\"post\" action=\"/users\" id=\"create-user\" class=\"fields\">").append(csrf)
                .append("<label>").append(esc(t.t("users.username"))).append(" <input name=\"username\" id=\"new-username\" size=\"16\" autocomplete=\"off\"></label>")
                .append("<label>").append(esc(t.t("users.role"))).append(" ").append(roleSelect(t, "new-role", Role.STAFF)).append("</label>")
                .append("<label>").append(esc(t.t("users.office"))).append(" <input name=\"office\" id=\"new-office\" size=\"14\"></label>")
                .append("<label>").append(esc(t.t("users.password"))).append(" <input type=\"password\" name=\"password\" id=\"new-password\" size=\"16\" autocomplete=\"new-password\"></label>")
                .append("<button type=\"submit\" id=\"create\">").append(esc(t.t("users.createButton"))).append("</button></form>")
                .append("<p class=\"hint\">").append(esc(t.t("users.hint"))).append("</p>");
        b.append("<div class=\"scroll\"><table id=\"users\" class=\"figures\"><thead><tr>");
        for (String h : List.of("users.username", "users.role", "users.office", "users.created", "users.state", "users.actions")) {
            b.append("<th>").append(esc(t.t(h))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (UserStore.Listed l : auth.listUsers()) {
            User u = l.user();
            String name = esc(u.username());
            boolean self = u.username().equals(s.user().username());
            b.append("<tr data-user=\"").append(name).append("\"><td>").append(name).append("</td><td class=\"role\">")
                    .append(esc(t.t("role." + u.role()))).append("</td><td class=\"office\">").append(u.office() == null ? "—" : esc(u.office()))
                    .append("</td><td>").append(DAY.format(l.createdAt().atZone(zone))).append("</td><td class=\"state\">")
                    .append(esc(l.disabled() ? t.t("users.disabled") : t.t("users.enabled"))).append("</td><td class=\"actions\">");
            if (self) {
                b.append(esc(t.t("users.self")));
            } else {
                b.append("<form method=\"post\" action=\"/users/").append(name).append("/role\" class=\"inline change-role\">").append(csrf)
                        .append(roleSelect(t, null, u.role())).append(" <input name=\"office\" size=\"10\" value=\"")
                        .append(u.office() == null ? "" : esc(u.office())).append("\" aria-label=\"").append(esc(t.t("users.office"))).append("\"> <button type=\"submit\">")
                        .append(esc(t.t("users.change"))).append("</button></form> ");
                b.append("<form method=\"post\" action=\"/users/").append(name).append("/password\" class=\"inline reset-password\">").append(csrf)
                        .append("<input type=\"password\" name=\"password\" size=\"12\" autocomplete=\"new-password\" aria-label=\"")
                        .append(esc(t.t("users.newPassword"))).append("\" placeholder=\"").append(esc(t.t("users.newPassword"))).append("\"> <button type=\"submit\">")
                        .append(esc(t.t("users.reset"))).append("</button></form> ");
                String act = l.disabled() ? "enable" : "disable";
                b.append("<form method=\"post\" action=\"/users/").append(name).append("/").append(act).append("\" class=\"inline ").append(act).append("\">")
                        .append(csrf).append("<button type=\"submit\">").append(esc(t.t("users." + act))).append("</button></form>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        ctx.html(pages.page(t, s, "users", t.t("users.title"), b.toString()));
    }

    private static String roleSelect(I18n t, String id, Role selected) {
        StringBuilder b = new StringBuilder("<select name=\"role\"").append(id == null ? "" : " id=\"" + id + "\"").append(">");
        for (Role r : Role.values()) {
            b.append("<option value=\"").append(r.name()).append("\"").append(r == selected ? " selected" : "").append(">")
                    .append(esc(t.t("role." + r))).append("</option>");
        }
        return b.append("</select>").toString();
    }
}
