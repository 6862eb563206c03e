package tw.jiaohao.hub.cases;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * Port: who is making an HTTP request, from the dashboard's login session. Empty means "not
 * signed in" (the API answers 401). Called on Jetty's threads; must be thread-safe.
 */
@FunctionalInterface
public interface StaffResolver {
    Optional<Staff> staff(Context ctx);
}
