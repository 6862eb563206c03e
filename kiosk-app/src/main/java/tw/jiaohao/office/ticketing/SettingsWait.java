package tw.jiaohao.office.ticketing;

import java.util.List;

/**
 * Why head office's settings wait to be applied ({@link QueueEngine#applySettings}): {@code text}
 * in English, {@code code} and {@code args} for the hub to translate ({@code SettingsAck}).
 */
public record SettingsWait(String code, List<String> args, String text) {
    public SettingsWait {
        args = List.copyOf(args);
    }
}
