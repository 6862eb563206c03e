package tw.jiaohao.archfixture.office.ticketing;

import org.eclipse.paho.mqttv5.client.MqttClient;

/** Fixture: domain code that talks MQTT itself. */
public class PublishesItself {
    public MqttClient client;
}
