package tw.jiaohao.protocol.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Arrays;
import tw.jiaohao.protocol.InvalidMessageException;
import tw.jiaohao.protocol.OfficeScoped;
import tw.jiaohao.protocol.device.DeviceStatus;
import tw.jiaohao.protocol.event.OfficeEvent;
import tw.jiaohao.protocol.ProtocolException;
import tw.jiaohao.protocol.Topics;

/**
 * JSON encoding and decoding of every protocol message. Thread-safe; share one instance.
 *
 * <p>Decoding is total: any byte array yields either the message or a {@link Decoded.Rejected}
 * saying what is wrong and where — truncated JSON, wrong types, unknown enum values, missing
 * fields, payloads over {@value #MAX_PAYLOAD_BYTES} bytes, strings over
 * {@value #MAX_STRING_CHARS} characters, and (with {@link #decode(String, byte[], Class)}) an
 * office in the payload that differs from the topic's. Unknown fields are ignored, so newer
 * senders can add fields. Instants are written as UTC ISO-8601 strings.
 */
public final class JsonCodec {
    /** Largest payload accepted; a whole state snapshot is a few kilobytes. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** Longest string accepted inside a payload. */
    public static final int MAX_STRING_CHARS = 16 * 1024;

    private final ObjectMapper mapper;
    private final OfficeEventWriter events;

    public JsonCodec() {
        JsonMapper jsonMapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        jsonMapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_CHARS)
                .maxNestingDepth(20)
                .maxNumberLength(40)
                .build());
        this.mapper = jsonMapper;
        this.events = new OfficeEventWriter(jsonMapper.getFactory());
    }

    /** Encodes a message as UTF-8 JSON. Throws {@link ProtocolException} only for a programming error. */
    public byte[] encode(Object message) {
        if (message instanceof OfficeEvent e) {
            return events.write(e); // the same bytes, written without data binding (OfficeEventWriter)
        }
        return encodeByDataBinding(message);
    }

    /** {@link #encode} through data binding, for every message (the reference of {@link OfficeEventWriter}'s test). */
    byte[] encodeByDataBinding(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new ProtocolException("cannot encode " + message.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Encodes a message as a JSON string (for documentation and logs of non-personal messages). */
    public String encodeToString(Object message) {
        return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Decodes a payload into {@code type}; never throws. */
    public <T> Decoded<T> decode(byte[] payload, Class<T> type) {
        if (payload == null || payload.length == 0) {
            return new Decoded.Rejected<>("$", "empty payload; expected a JSON object");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Decoded.Rejected<>("$", "payload of " + payload.length + " bytes is over the limit of " + MAX_PAYLOAD_BYTES);
        }
        try {
            T value = mapper.readValue(payload, type);
            if (value == null) {
                return new Decoded.Rejected<>("$", "null payload; expected a JSON object");
            }
            return new Decoded.Accepted<>(value);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidMessageException invalid) {
                return new Decoded.Rejected<>(join(pathOf(e), invalid.field()), invalid.problem());
            }
            return new Decoded.Rejected<>(pathOf(e), "invalid value" + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"));
        } catch (InvalidFormatException e) {
            String expected = e.getTargetType() != null && e.getTargetType().isEnum()
                    ? "one of " + Arrays.toString(e.getTargetType().getEnumConstants())
                    : simpleName(e.getTargetType());
            return new Decoded.Rejected<>(pathOf(e), "wrong value; expected " + expected);
        } catch (MismatchedInputException e) {
            return new Decoded.Rejected<>(pathOf(e), "wrong type; expected " + simpleName(e.getTargetType()));
        } catch (StreamConstraintsException e) {
            return new Decoded.Rejected<>("$", "payload exceeds a size limit (strings at most " + MAX_STRING_CHARS + " characters)");
        } catch (JsonParseException e) {
            return new Decoded.Rejected<>("$", "not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): truncated or malformed");
        } catch (JsonMappingException e) {
            Throwable root = rootCause(e);
            if (root instanceof StreamConstraintsException) {
                return new Decoded.Rejected<>("$", "payload exceeds a size limit (strings at most " + MAX_STRING_CHARS + " characters)");
            }
            if (root instanceof JsonParseException) {
                return new Decoded.Rejected<>("$", "not valid JSON: truncated or malformed");
            }
            return new Decoded.Rejected<>(pathOf(e), "cannot read: " + e.getOriginalMessage().lines().findFirst().orElse("?"));
        } catch (JacksonException e) {
            return new Decoded.Rejected<>("$", "not valid JSON: truncated or malformed");
        } catch (IOException | RuntimeException e) {
            return new Decoded.Rejected<>("$", "unreadable payload (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Decodes a payload received on {@code topic}, and also rejects a message whose office
     * differs from the topic's (one office's devices cannot speak for another), and a device
     * status whose device differs from the one its topic names (one device cannot speak for
     * another: its status raises that device's alerts).
     */
    public <T> Decoded<T> decode(String topic, byte[] payload, Class<T> type) {
        Decoded<T> decoded = decode(payload, type);
        if (!(decoded instanceof Decoded.Accepted<T> accepted)) {
            return decoded;
        }
        Topics.Parsed parsed = Topics.parse(topic).orElse(null);
        if (accepted.message() instanceof OfficeScoped scoped) {
            String topicOffice = parsed == null ? null : parsed.office();
            if (topicOffice == null) {
                return new Decoded.Rejected<>("$", "topic is not a Jiaohao office topic");
            }
            if (!topicOffice.equals(scoped.office())) {
                return new Decoded.Rejected<>("office", "payload is for office '" + scoped.office()
                        + "' but arrived on the topic of office '" + topicOffice + "'");
            }
        }
        if (accepted.message() instanceof DeviceStatus status) {
            if (parsed == null || parsed.kind() != Topics.Kind.DEVICE_STATUS) {
                return new Decoded.Rejected<>("$", "a device status must arrive on a device status topic");
            }
            if (!parsed.device().equals(status.device())) {
                return new Decoded.Rejected<>("device", "payload is for device '" + status.device()
                        + "' but arrived on the topic of device '" + parsed.device() + "'");
            }
        }
        return decoded;
    }

    /** Decodes a payload that must be valid, e.g. one this program wrote itself. */
    public <T> T decodeOrThrow(byte[] payload, Class<T> type) {
        Decoded<T> decoded = decode(payload, type);
        if (decoded instanceof Decoded.Accepted<T> accepted) {
            return accepted.message();
        }
        throw new ProtocolException("cannot decode " + type.getSimpleName() + ": " + decoded);
    }

    /** The mapper, configured as above, for modules that serve JSON over HTTP. */
    public ObjectMapper mapper() {
        return mapper;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String join(String path, String field) {
        return "$".equals(path) ? "$." + field : path + "." + field;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String simpleName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == java.time.Instant.class) {
            return "a UTC instant such as 2026-11-22T01:15:30Z";
        }
        if (type == java.time.LocalDate.class) {
            return "a date such as 2026-11-22";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object (" + type.getSimpleName() + ")";
    }
}
