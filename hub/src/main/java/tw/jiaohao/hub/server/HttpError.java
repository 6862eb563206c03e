package tw.jiaohao.hub.server;

import tw.jiaohao.hub.HubException;

/**
 * A request the server refuses, with a status and a message safe to show to the caller (it
 * names no other office's data and no internals). Thrown by the guard and by handlers; the
 * server answers JSON {@code {"error": …}} on {@code /api/…} and {@code /export/…}, a login
 * redirect for a page without a session (401), and the feature's error page otherwise. Never
 * logged with a stack trace: it is the caller's input, not a bug.
 */
public final class HttpError extends HubException {
    private final int status;

    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
