package tw.jiaohao.hub.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tw.jiaohao.protocol.codec.JsonCodec;

/** A browser-like HTTP client for the dashboard's API: cookies kept, CSRF header from /api/login. */
public final class WebClient {
    private static final JsonCodec CODEC = new JsonCodec();
    private final String base;
    private final HttpClient http;
    private String csrf;

    public WebClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Logs in; returns the status (200 on success). */
    public int login(String user, String password) throws Exception {
        String body = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
            csrf = CODEC.mapper().readTree(r.body()).get("csrf").asText();
        }
        return r.statusCode();
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public <T> T getJson(String path, Class<T> type) throws Exception {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return CODEC.mapper().readValue(r.body(), type);
    }

    /** Posts an HTML form (application/x-www-form-urlencoded), with the session's token as {@code _csrf} if asked. */
    public HttpResponse<String> postForm(String path, java.util.Map<String, String> form, boolean withCsrf) throws Exception {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(form);
        if (withCsrf && csrf != null) {
            all.put("_csrf", csrf);
        }
        String body = all.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Any method on any path (sent as given, not normalised); a JSON body {@code {}} and the CSRF header for a POST. */
    public HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (method.equals("POST")) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> post(String path, String json, boolean withCsrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (withCsrf && csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
