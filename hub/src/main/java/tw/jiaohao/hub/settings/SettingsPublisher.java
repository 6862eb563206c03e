package tw.jiaohao.hub.settings;

import tw.jiaohao.protocol.settings.OfficeSettings;

/**
 * Port: puts an office's settings on its retained topic {@code hub/settings/{office}} (QoS 1),
 * replacing the version there. May be called from any thread. While the broker is unreachable
 * a publish fails with {@link tw.jiaohao.hub.HubException}; the settings service publishes every
 * office's newest version again once the port reports it is connected.
 */
public interface SettingsPublisher {
    void publish(OfficeSettings settings);
}
