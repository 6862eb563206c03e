package tw.jiaohao.archfixture.hardware.gpio;

import com.pi4j.context.Context;

/** Fixture: port code that reaches into Pi4J instead of leaving it to an adapter. */
public class ReadsPinsItself {
    public Context pi4j;
}
