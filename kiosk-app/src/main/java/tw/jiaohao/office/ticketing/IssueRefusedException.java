package tw.jiaohao.office.ticketing;

import tw.jiaohao.office.OfficeException;
import tw.jiaohao.protocol.counter.ReplyCode;

/**
 * A ticket could not be issued for a reason the kiosk shows the customer: an unknown
 * category, or the category's 999 numbers of the day are used up. {@link #getMessage()} is
 * "zh / en". Nothing was stored.
 */
public class IssueRefusedException extends OfficeException {
    private final ReplyCode code;

    public IssueRefusedException(ReplyCode code, String message) {
        super(message);
        this.code = code;
    }

    public ReplyCode code() {
        return code;
    }
}
