package tw.jiaohao.hub.settings;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.jiaohao.hub.HubException;
import tw.jiaohao.hub.auth.Role;
import tw.jiaohao.hub.auth.User;
import tw.jiaohao.protocol.Check;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.ProtocolVersion;
import tw.jiaohao.protocol.settings.OfficeSettings;
import tw.jiaohao.protocol.settings.SettingsAck;

/**
 * Head office's settings for the fleet: each publication is a new version for one office, stored
 * and then published retained ({@link SettingsPublisher}); every office's newest version is
 * published again after each reconnect of the broker link. The nodes' answers are recorded
 * ({@link #onAnswer}) so the dashboard shows "applied version N" per office and any refusal's
 * reason. Validation is the protocol record's ({@link OfficeSettings}): the dashboard refuses
 * exactly what a node would. Thread-safe.
 */
public final class SettingsService {
    private static final Logger log = LoggerFactory.getLogger(SettingsService.class);

    /**
     * What head office edits; the version, office, author and time are added on publication.
     *
     * @param languages the offered languages and the default; null leaves the nodes' own files' (as before languages were pushed)
     */
    public record Draft(List<OfficeSettings.Category> categories, List<OfficeSettings.Counter> counters, OfficeSettings.Hours hours,
                        int starvationMinutes, OfficeSettings.Languages languages) {
        public Draft(List<OfficeSettings.Category> categories, List<OfficeSettings.Counter> counters, OfficeSettings.Hours hours,
                     int starvationMinutes) {
            this(categories, counters, hours, starvationMinutes, null);
        }
    }

    private final SettingsStore store;
    private final SettingsPublisher publisher;
    private final Clock clock;

    public SettingsService(SettingsStore store, SettingsPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Publishes {@code draft} as the next version for {@code office}. The version is stored first:
     * when the broker is unreachable it goes out after the reconnect.
     *
     * @throws InvalidMessageException naming the field when the settings break a rule
     * @throws HubException when {@code by} is not head office
     */
    public synchronized OfficeSettings publish(User by, String office, Draft draft) {
        if (by.role() != Role.HEAD_OFFICE) {
            throw new HubException("only head office publishes office settings");
        }
        Check.identifier("office", office);
        long version = store.latest(office).map(OfficeSettings::version).orElse(0L) + 1;
        OfficeSettings s = new OfficeSettings(ProtocolVersion.CURRENT, office, version, clock.instant(), by.username(),
                draft.categories(), draft.counters(), draft.hours(), draft.starvationMinutes(), draft.languages());
        if (!store.insert(s)) {
            throw new HubException("version " + version + " of " + office + " was published at the same moment; try again");
        }
        log.info("settings version {} of {} published by {}", version, office, by.username());
        try {
            publisher.publish(s);
        } catch (HubException e) {
            log.warn("settings version {} of {} stored, not yet sent ({}); sent after the reconnect", version, office, e.getMessage());
        }
        return s;
    }

    /** A node's answer (from {@code office/{office}/settings/ack}). */
    public void onAnswer(SettingsAck a) {
        store.recordAnswer(a);
        if (a.outcome() == SettingsAck.Outcome.REFUSED) {
            log.warn("office {} refused settings version {}: {}", a.office(), a.version(), a.reason());
        } else {
            log.info("office {} settings version {}: {}", a.office(), a.version(), a.outcome());
        }
    }

    /** Publishes every office's newest version again (after a reconnect). */
    public void republishAll() {
        for (OfficeSettings s : store.latestOfAll()) {
            try {
                publisher.publish(s);
            } catch (HubException e) {
                log.warn("settings of {} not republished: {}", s.office(), e.getMessage());
                return;
            }
        }
    }

    public Optional<OfficeSettings> latest(String office) {
        return store.latest(office);
    }

    public List<SettingsStatus> statuses() {
        return store.statuses();
    }

    public Optional<SettingsStatus> status(String office) {
        return statuses().stream().filter(s -> s.office().equals(office)).findFirst();
    }
}
