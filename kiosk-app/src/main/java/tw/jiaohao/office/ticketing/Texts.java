package tw.jiaohao.office.ticketing;

import java.util.List;
import tw.jiaohao.protocol.event.TicketState;

/** Messages for clerks and customers: Traditional Chinese, then English, separated by " / ". */
final class Texts {
    private Texts() {
    }

    private static String both(String zh, String en) {
        return zh + " / " + en;
    }

    static String officeClosed(java.util.Optional<java.time.LocalDateTime> opens) {
        if (opens.isEmpty()) {
            return both("本中心休息中，目前不發號", "the office is closed; no tickets are issued now");
        }
        java.time.LocalDateTime t = opens.get();
        String hm = String.format("%02d:%02d", t.getHour(), t.getMinute());
        return both("本中心休息中，" + t.getMonthValue() + "/" + t.getDayOfMonth() + " " + hm + " 開始服務",
                "the office is closed; it opens at " + hm + " on " + t.toLocalDate());
    }

    static String lastTicketPassed(String category, java.time.LocalDateTime last) {
        String hm = String.format("%02d:%02d", last.getHour(), last.getMinute());
        return both(category + " 類今日已停止取號（最後取號時間 " + hm + "），請明日再來", "category " + category
                + " stopped issuing for today (last ticket at " + hm + "); please come back tomorrow");
    }

    static String lastTicketByCapacity(String category) {
        return both(category + " 類今日剩餘的服務時間已排滿，已停止取號，請明日再來", "category " + category
                + " has no service time left today; no more tickets, please come back tomorrow");
    }

    static String held() {
        return both("系統正在與總處核對資料，請稍候再試", "the office node is checking its records with head office; try again in a moment");
    }

    static String unknownCategory(String code, List<String> known) {
        String k = String.join(", ", known);
        return both("沒有「" + abbreviate(code) + "」這個服務類別，可用：" + k,
                "no service category '" + abbreviate(code) + "' here; categories are " + k);
    }

    static String dayFull(String category) {
        return both(category + " 類今日號碼已發完（999 號），請洽服務人員", "all 999 numbers of category " + category + " are used today; please ask the staff");
    }

    static String unknownCounter(int counter) {
        return both("本中心沒有 " + counter + " 號櫃台，請檢查櫃台設定", "counter " + counter + " is not configured in this office; check the counter unit's settings");
    }

    static String wrongOffice(String got, String office) {
        return both("指令屬於其他服務中心（" + got + "），本中心是 " + office, "command is for office '" + got + "', this is '" + office + "'");
    }

    static String closed(int counter) {
        return both(counter + " 號櫃台尚未開啟，請先開櫃", "counter " + counter + " is closed; open it first");
    }

    static String busyCall(String number) {
        return both("請先完成或標記未到目前的號碼 " + number, "finish or mark no-show for " + number + " before calling the next number");
    }

    static String busyClose(String number) {
        return both("請先完成目前的號碼 " + number + " 再關櫃", "finish " + number + " before closing the counter");
    }

    static String nobodyWaiting(List<String> serves) {
        String s = String.join(", ", serves);
        return both("目前沒有等候的號碼（" + s + "）", "nobody is waiting for " + s);
    }

    static String noCurrent(int counter) {
        return both(counter + " 號櫃台目前沒有號碼，請先叫號", "counter " + counter + " has no current ticket; call one first");
    }

    static String notAtThisCounter(String number, int counter) {
        return both(number + " 不在 " + counter + " 號櫃台", number + " is not at counter " + counter);
    }

    static String unknownTicket(String ticket) {
        return both("今日沒有 " + abbreviate(ticket) + " 這個號碼", "no ticket " + abbreviate(ticket) + " today");
    }

    static String invalidState(String number, TicketState state, String action) {
        return both(number + " 目前是「" + zh(state) + "」，不能" + zhAction(action), number + " is " + state + "; " + action + " is not possible now");
    }

    static String sameCategory(String category) {
        return both("已經是 " + category + " 類，請選擇其他類別", "the ticket is already in category " + category + "; choose another");
    }

    static String notServedYet(String number) {
        return both(number + " 尚未服務，服務後才能評分", number + " has not been served yet; rate after the service");
    }

    static String alreadyRated(String number) {
        return both(number + " 已經評分過了，謝謝", number + " was rated already; thank you");
    }

    static String nothingToConfirm() {
        return both("目前沒有需要確認的事項", "the office node is not waiting for a confirmation");
    }

    static String clockUntrusted() {
        return both("系統時間尚未校正，暫停抽號與叫號，請服務人員確認今天日期", "the office node's clock is not set yet: no new tickets or calls until it is, or until staff confirm today's date");
    }

    static String diskFull() {
        return both("系統儲存空間不足，暫停抽號，請洽服務人員", "the office node's storage is nearly full: no new tickets for now; please ask the staff");
    }

    static String storeUnknown() {
        return both("系統儲存時發生錯誤，無法確定是否已完成，請先看看叫號看板再操作",
                "the office node's storage failed and cannot tell yet whether this was stored; check the board before trying again");
    }

    /** The message for a failed change: nothing changed, or — when even that is not known yet (a failed COMMIT) — to look before trying again. */
    static String storeFailure(StoreException e) {
        return e instanceof CommitFailedException ? storeUnknown() : storeFailed();
    }

    static String storeFailed() {
        return both("系統暫時無法儲存，請再按一次", "the office node could not store this; nothing changed, please try again");
    }

    static String dissatisfiedAlert(Integer counter) {
        return both("不滿意評價" + (counter == null ? "" : "（" + counter + " 號櫃台）"),
                "dissatisfied rating" + (counter == null ? "" : " at counter " + counter));
    }

    private static String zh(TicketState state) {
        return switch (state) {
            case WAITING -> "等候中";
            case CALLED -> "已叫號";
            case SERVING -> "服務中";
            case DONE -> "已完成";
            case NO_SHOW -> "未到";
            case TRANSFERRED -> "已轉櫃";
            case CANCELLED -> "已取消";
        };
    }

    private static String zhAction(String action) {
        return switch (action) {
            case "RECALL" -> "重新叫號";
            case "NO_SHOW" -> "標記未到";
            case "START" -> "開始服務";
            case "FINISH" -> "完成服務";
            case "TRANSFER" -> "轉櫃";
            case "CANCEL" -> "取消";
            default -> action;
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
