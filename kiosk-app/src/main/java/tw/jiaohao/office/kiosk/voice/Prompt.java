package tw.jiaohao.office.kiosk.voice;

import java.util.Locale;

/**
 * The kiosk's spoken guidance: one whole sentence per prompt and language, a WAV clip bundled in
 * {@code tw/jiaohao/office/kiosk/voice/<zh|en>/<clip>.wav} (made by {@code kiosk-app/tools/generate-voice.sh}).
 */
public enum Prompt {
    /** 「請選擇服務項目，取號」: the first touch at the home screen, a language chosen, large print switched on. */
    HOME("home"),
    /** 「請取走號碼牌，留意叫號」: the ticket has printed. */
    TICKET_PRINTED("ticket-printed"),
    /** 「印表機無法列印，請記下螢幕上的號碼」: the ticket did not print; its number is on the screen. */
    TICKET_NOT_PRINTED("ticket-not-printed"),
    /** 「還需要時間嗎？請按繼續使用」: the idle warning has come up. */
    IDLE_WARNING("idle-warning");

    private final String name;

    Prompt(String name) {
        this.name = name;
    }

    /** The clip's id for the screen's language, e.g. {@code zh/home}; English for every language but Chinese. */
    public String clip(Locale language) {
        return (language.getLanguage().equals("zh") ? "zh/" : "en/") + name;
    }
}
