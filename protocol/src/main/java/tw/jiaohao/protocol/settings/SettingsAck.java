package tw.jiaohao.protocol.settings;

import java.time.Instant;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;

/**
 * Office node → hub on {@code office/{office}/settings/ack} (QoS 1, not retained): what the node
 * did with version {@code version} of its {@link OfficeSettings}. {@code APPLIED} names the version
 * now in force (also when an older or the same version arrived again); {@code PENDING} says the
 * version waits for a counter to finish its call and why; {@code REFUSED} says why the node cannot
 * apply it — the node keeps the version it had. The reason is plain text for head office, written
 * by the node, without personal data. The hub keeps, per office, the newest answer by version.
 */
public record SettingsAck(int v, String office, long version, Outcome outcome, String reason, Instant at) implements OfficeScoped {
    /** What the node did with a version. */
    public enum Outcome { APPLIED, PENDING, REFUSED }

    public SettingsAck {
        Check.version(v);
        Check.identifier("office", office);
        Check.positive("version", version);
        Check.required("outcome", outcome);
        Check.optionalText("reason", reason, 500);
        Check.required("at", at);
        if (outcome != Outcome.APPLIED && (reason == null || reason.isBlank())) {
            throw new InvalidMessageException("reason", "a " + outcome + " answer says why");
        }
    }
}
