package tw.jiaohao.hub.notices;

import tw.jiaohao.protocol.notice.NoticeBoard;

/**
 * Port: puts a notice board on its retained topic {@code hub/notice/{scope}} (QoS 1), replacing
 * what was there. Implementations may be called from any thread. While the broker is
 * unreachable a publish fails with {@link tw.jiaohao.hub.HubException}; the notice service
 * then publishes every board again once the port reports it is connected.
 */
public interface NoticePublisher {
    void publish(NoticeBoard board);
}
