package tw.jiaohao.hub.web;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The dashboard's settings (configuration keys in docs/hub/CONFIG.md):
 *
 * @param cookieSecure   mark the session cookie Secure ({@code web.cookie-secure}); set it when the hub is served over HTTPS
 * @param sessionIdle    a session ends after this long without a request ({@code web.session-idle-minutes})
 * @param zone           the zone of dates and times shown ({@code office.zone})
 * @param pollSeconds    how often the all-offices page refreshes itself ({@code web.poll-seconds})
 */
public record WebSettings(boolean cookieSecure, Duration sessionIdle, ZoneId zone, int pollSeconds) {
}
