/**
 * One MQTT 5 session per process. A program builds its {@link tw.jiaohao.messaging.MqttSettings}
 * from the {@code mqtt.*} keys ({@link tw.jiaohao.messaging.MqttKeys}), starts one
 * {@link tw.jiaohao.messaging.Session} with {@link tw.jiaohao.messaging.Sessions#start}, and hands it
 * to its features. Features register typed handlers (decoded through the protocol codec;
 * refusals counted and logged once per kind and source), publish, and ask or answer with
 * {@link tw.jiaohao.messaging.Requester} and {@link tw.jiaohao.messaging.Inbound#responseTopic()}.
 * They never see Paho: its types live in {@code tw.jiaohao.messaging.internal}.
 */
package tw.jiaohao.messaging;
