package tw.jiaohao.hub.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import tw.jiaohao.hub.auth.Session;
import tw.jiaohao.hub.auth.User;

/**
 * Reading a request's input the same way everywhere: the signed-in session the guard found,
 * dates checked for plausibility (not only shape), JSON bodies that must be an object. Bad input
 * becomes an {@link HttpError} 400 with a message saying what to send, never a 500.
 */
public final class Requests {
    /** The earliest day any figure can be asked for: before the hub existed nothing was recorded. */
    public static final LocalDate EARLIEST_DAY = LocalDate.of(2000, 1, 1);
    /** The latest plausible day (a notice or a query this far ahead is a typing error). */
    public static final LocalDate LATEST_DAY = LocalDate.of(2199, 12, 31);

    private Requests() {
    }

    /** The session the guard attached; 401 when there is none (the route's rule lets anyone in). */
    public static Session session(Context ctx) {
        Session s = ctx.attribute(HubServer.SESSION_ATTRIBUTE);
        if (s == null) {
            throw new HttpError(401, "log in first (POST /api/login, or the login page)");
        }
        return s;
    }

    /** The session the guard attached, or null on a route anyone may use. */
    public static Session sessionOrNull(Context ctx) {
        return ctx.attribute(HubServer.SESSION_ATTRIBUTE);
    }

    public static User user(Context ctx) {
        return session(ctx).user();
    }

    /** A date YYYY-MM-DD from {@link #EARLIEST_DAY} to {@link #LATEST_DAY}; {@code name} names it in the message. */
    public static LocalDate date(String name, String text) {
        LocalDate d;
        try {
            d = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new HttpError(400, name + " must be a date YYYY-MM-DD such as 2026-11-22");
        }
        if (d.isBefore(EARLIEST_DAY) || d.isAfter(LATEST_DAY)) {
            throw new HttpError(400, name + " must be a date from " + EARLIEST_DAY + " to " + LATEST_DAY);
        }
        return d;
    }

    /** {@link #date} of query parameter {@code name}, or {@code fallback} when it is absent or blank. */
    public static LocalDate date(Context ctx, String name, LocalDate fallback) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? fallback : date(name, v);
    }

    /** The body as {@code type}; 400 saying what to send when it is not JSON, not that shape, or {@code null}. */
    public static <T> T json(Context ctx, ObjectMapper mapper, Class<T> type, String example) {
        T body;
        try {
            body = mapper.readValue(ctx.bodyAsBytes(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String why = e.getOriginalMessage() == null ? "" : ": " + e.getOriginalMessage().lines().findFirst().orElse("");
            throw new HttpError(400, "send a JSON object such as " + example + why);
        } catch (IOException e) {
            throw new HttpError(400, "cannot read the body");
        }
        if (body == null) {
            throw new HttpError(400, "send a JSON object such as " + example + ", not null");
        }
        return body;
    }
}
