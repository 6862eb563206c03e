package tw.jiaohao.archfixture.board.wall;

import org.eclipse.paho.mqttv5.client.MqttClient;

/** Fixture: a screen that opens its own MQTT client instead of using the office link. */
public class SubscribesItself {
    public MqttClient client;
}
