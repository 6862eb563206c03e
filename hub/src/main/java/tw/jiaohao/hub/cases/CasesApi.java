package tw.jiaohao.hub.cases;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tw.jiaohao.hub.server.Access;
import tw.jiaohao.hub.server.HttpError;
import tw.jiaohao.hub.server.Routes;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;

/**
 * The cases JSON API, added to the hub's Javalin app (docs/cases/API.md):
 * <ul>
 *   <li>{@code GET /api/cases?office=&state=RECEIVED,VERIFIED} — cases, masked, most urgent first;</li>
 *   <li>{@code GET /api/cases/summary} — per office: open cases per state, overdue, oldest age;</li>
 *   <li>{@code GET /api/cases/{office}/{case}} — the case view ({@link CaseDetail});</li>
 *   <li>{@code POST /api/cases/{office}/{case}/state} {@code {"to":"DISPATCHED","note":"…"}};</li>
 *   <li>{@code POST /api/cases/{office}/{case}/notes} {@code {"note":"…"}};</li>
 *   <li>{@code GET /api/cases/metrics} — counters: the hub's for head office, their own office's for the others.</li>
 * </ul>
 * Every call needs a signed-in user ({@link StaffResolver}; 401 otherwise); what they may do is
 * {@link CaseAccess}'s rule (403). Errors are {@code {"error": "..."}}: 400 bad input, 404 no such
 * case, 409 not possible in the case's state.
 */
public final class CasesApi {
    private final CaseService cases;
    private final StaffResolver staff;

    public CasesApi(CaseService cases, StaffResolver staff) {
        this.cases = cases;
        this.staff = staff;
    }

    /** Body of a state change. */
    public record StateChange(String to, String note) {
    }

    /** Body of a note. */
    public record NoteBody(String note) {
    }

    /** One office's open cases at a glance. */
    public record OfficeCases(String office, Map<CaseState, Integer> open, int overdue, long oldestOpenMinutes) {
    }

    /** Adds the routes, each with its rule; what a user may do with a case beyond it is {@link CaseAccess}'s. */
    public void addTo(Routes routes) {
        Access see = Access.SIGNED_IN.seeingOffice("office");
        Access work = Access.roles(tw.jiaohao.hub.auth.Role.HEAD_OFFICE, tw.jiaohao.hub.auth.Role.OFFICE_MANAGER).seeingOffice("office");
        routes.get("/api/cases", Access.SIGNED_IN, this::list);
        routes.get("/api/cases/summary", Access.SIGNED_IN, this::summary);
        routes.get("/api/cases/metrics", Access.SIGNED_IN, ctx -> ctx.json(metrics(user(ctx))));
        routes.get("/api/cases/{office}/{case}", see, ctx -> ctx.json(cases.view(user(ctx), office(ctx), ctx.pathParam("case"))));
        routes.post("/api/cases/{office}/{case}/state", work, ctx -> {
            StateChange body = body(ctx, StateChange.class);
            ctx.json(cases.transition(user(ctx), office(ctx), ctx.pathParam("case"), state(body.to()), body.note()));
        });
        routes.post("/api/cases/{office}/{case}/notes", work, ctx -> {
            NoteBody body = body(ctx, NoteBody.class);
            ctx.json(cases.note(user(ctx), office(ctx), ctx.pathParam("case"), body.note()));
        });
        routes.exception(CaseRefusal.class, (e, ctx) -> ctx.status(switch (e.why()) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case INVALID -> 400;
        }).json(Map.of("error", e.getMessage())));
    }

    /**
     * Head office: the hub's counters, including those of messages whose office cannot be trusted
     * (malformed requests, look-ups). Office users: the counters of their own office only.
     */
    private Map<String, Long> metrics(Staff staff) {
        return staff.role() == Role.HEAD_OFFICE ? cases.metrics().snapshot() : cases.metrics().snapshot(staff.office());
    }

    private void list(Context ctx) {
        String office = ctx.queryParam("office");
        if (office != null && !office.isEmpty()) {
            office = checkedOffice(office);
        } else {
            office = null;
        }
        Set<CaseState> states = EnumSet.noneOf(CaseState.class);
        String s = ctx.queryParam("state");
        if (s != null && !s.isBlank()) {
            for (String part : s.split(",")) {
                states.add(state(part));
            }
        }
        ctx.json(cases.list(user(ctx), office, states));
    }

    private void summary(Context ctx) {
        ctx.json(summary(user(ctx)));
    }

    /** Per office the user may see: open cases per state, how many are overdue, the oldest open age. */
    public List<OfficeCases> summary(Staff staff) {
        Set<CaseState> open = EnumSet.of(CaseState.RECEIVED, CaseState.VERIFIED, CaseState.DISPATCHED);
        Map<String, Map<CaseState, Integer>> counts = new TreeMap<>();
        Map<String, int[]> overdue = new TreeMap<>();
        Map<String, long[]> oldest = new TreeMap<>();
        for (CaseSummary c : cases.list(staff, null, open)) {
            counts.computeIfAbsent(c.office(), o -> new LinkedHashMap<>()).merge(c.state(), 1, Integer::sum);
            overdue.computeIfAbsent(c.office(), o -> new int[1])[0] += c.overdue() ? 1 : 0;
            long[] age = oldest.computeIfAbsent(c.office(), o -> new long[1]);
            age[0] = Math.max(age[0], c.ageMinutes());
        }
        List<OfficeCases> out = new java.util.ArrayList<>();
        counts.forEach((office, byState) -> out.add(new OfficeCases(office, byState, overdue.get(office)[0], oldest.get(office)[0])));
        return out;
    }

    private Staff user(Context ctx) {
        return staff.staff(ctx).orElseThrow(() -> new HttpError(401, "sign in first"));
    }

    private static String office(Context ctx) {
        return checkedOffice(ctx.pathParam("office"));
    }

    private static String checkedOffice(String office) {
        try {
            return Check.identifier("office", office);
        } catch (InvalidMessageException e) {
            throw new CaseRefusal(CaseRefusal.Why.INVALID, e.getMessage());
        }
    }

    private static CaseState state(String value) {
        try {
            return CaseState.valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CaseRefusal(CaseRefusal.Why.INVALID, "state must be one of " + Arrays.toString(CaseState.values()));
        }
    }

    private static <T> T body(Context ctx, Class<T> type) {
        try {
            T body = ctx.bodyAsClass(type);
            if (body == null) {
                throw new CaseRefusal(CaseRefusal.Why.INVALID, "send a JSON object");
            }
            return body;
        } catch (Exception e) {
            // Javalin's JSON mapper may throw Jackson's checked exceptions without declaring them.
            if (e instanceof CaseRefusal r) {
                throw r;
            }
            throw new CaseRefusal(CaseRefusal.Why.INVALID, "send a JSON object such as {\"to\":\"DISPATCHED\",\"note\":\"…\"}");
        }
    }

}
