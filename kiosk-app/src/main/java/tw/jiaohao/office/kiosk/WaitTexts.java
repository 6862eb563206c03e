package tw.jiaohao.office.kiosk;

import tw.jiaohao.protocol.state.StateSnapshot.CategoryView;

/**
 * The waiting estimate as the kiosk says it: the range (「預估約 10–20 分鐘」), 「隨到隨辦」 only
 * when the whole range is zero, and — when no open counter serves the category — that, never a
 * number.
 */
final class WaitTexts {
    private WaitTexts() {
    }

    static String home(I18n i18n, CategoryView v) {
        if (!v.served()) {
            return i18n.format("home.estimate.no-counter");
        }
        Integer high = v.estimateHighMinutes();
        if (high == null || high == 0) {
            return i18n.format("home.estimate", high == null ? v.estimateMinutes() : 0);
        }
        return i18n.format("home.estimate.range", v.minutesText());
    }

    static String ticket(I18n i18n, KioskTicket t) {
        if (!t.servedNow()) {
            return i18n.format("ticket.estimate.no-counter");
        }
        if (t.estimateHighMinutes() == 0) {
            return i18n.format("ticket.estimate", 0);
        }
        int low = t.estimateLowMinutes();
        int high = t.estimateHighMinutes();
        return i18n.format("ticket.estimate.range", low == high ? String.valueOf(high) : low + "–" + high);
    }
}
