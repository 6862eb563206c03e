package tw.jiaohao.hub.settings;

import java.time.Instant;
import tw.jiaohao.protocol.settings.SettingsAck;

/**
 * Where one office stands with head office's settings: the newest version published, the newest
 * version its node said it applied, and its newest answer (a refusal or a wait says why).
 *
 * @param published 0 = never published
 * @param applied   0 = no answer yet / the node runs on its own file's settings
 * @param lastOutcome null when the node has not answered
 * @param lastCode    the reason as a code the dashboard translates ({@link SettingsAck#code()}); null: show {@code lastReason}
 * @param lastArgs    the code's arguments
 */
public record SettingsStatus(String office, long published, Instant publishedAt, String publishedBy, long applied,
                             long lastVersion, SettingsAck.Outcome lastOutcome, String lastReason, Instant lastAt, String lastCode,
                             java.util.List<String> lastArgs) {
}
