package tw.jiaohao.protocol;

/**
 * A message that belongs to one office. Consumers reject a payload whose office differs
 * from the office in its topic (see {@link tw.jiaohao.protocol.codec.JsonCodec#decode(String, byte[], Class)}),
 * so one office's devices cannot speak for another.
 */
public interface OfficeScoped {
    /** The office identifier, as in the topic. */
    String office();
}
