package tw.jiaohao.hub.server;

/**
 * A feature's part of the hub's web server: its routes, each with its {@link Access} rule, added
 * through {@link Routes} before the server starts. A feature never touches Javalin's
 * configuration directly, so no route can be added without a rule.
 */
@FunctionalInterface
public interface WebFeature {
    void addTo(Routes routes);
}
