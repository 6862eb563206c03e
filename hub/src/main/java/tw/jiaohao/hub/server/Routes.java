package tw.jiaohao.hub.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.ExceptionHandler;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * How a {@link WebFeature} adds its routes: every route with its {@link Access} rule (there is
 * no way to add one without), and the feature's own exception mappings. Valid only while the
 * server is being configured.
 */
public final class Routes {
    private final JavalinConfig config;

    Routes(JavalinConfig config) {
        this.config = config;
    }

    /**
     * A feature's routes on a bare Javalin, for testing the feature alone: the rules are attached
     * but nothing enforces them (that is {@link HubServer}'s guard), and {@link HttpError}s answer
     * as JSON. Never for a served application.
     */
    public static Routes unguarded(JavalinConfig config) {
        config.routes.exception(HttpError.class, (e, ctx) -> ctx.status(e.status()).json(java.util.Map.of("error", e.getMessage())));
        return new Routes(config);
    }

    public Routes get(String path, Access access, Handler handler) {
        config.routes.get(path, handler, Objects.requireNonNull(access, "access"));
        return this;
    }

    public Routes post(String path, Access access, Handler handler) {
        config.routes.post(path, handler, Objects.requireNonNull(access, "access"));
        return this;
    }

    /** Maps a feature's own exception to an answer (for example a refusal with its status). */
    public <E extends Exception> Routes exception(Class<E> type, ExceptionHandler<? super E> handler) {
        config.routes.exception(type, handler);
        return this;
    }
}
