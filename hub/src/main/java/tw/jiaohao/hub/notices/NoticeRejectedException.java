package tw.jiaohao.hub.notices;

import tw.jiaohao.hub.HubException;

/** A notice draft that cannot be published; {@link #field()} names the form field to fix. */
public final class NoticeRejectedException extends HubException {
    private final String field;

    public NoticeRejectedException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
