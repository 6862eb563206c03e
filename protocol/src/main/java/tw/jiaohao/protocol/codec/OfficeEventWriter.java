package tw.jiaohao.protocol.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.time.Instant;
import tw.jiaohao.protocol.ProtocolException;
import tw.jiaohao.protocol.event.OfficeEvent;

/**
 * An {@link OfficeEvent} written field by field with Jackson's streaming generator: the same bytes
 * as the data-binding path of {@link JsonCodec} (the record's components in order, nulls omitted,
 * instants and dates ISO-8601, enums by name), with a fraction of its code. The office node
 * encodes one event inside every ticket's transaction, seconds apart, so that code runs cold each
 * time; the data-binding path costs tens of microseconds there (docs/BENCHMARKS.md, issue 11).
 * {@code OfficeEventWriterTest} holds the two paths to the same bytes and to the record's
 * components. Thread-safe.
 */
final class OfficeEventWriter {
    /** The record's components in the order this writer writes them (checked against the record by the test). */
    static final String[] FIELDS = {"v", "eventId", "office", "seq", "type", "at", "officeDay", "ticketId", "ticketNumber",
            "category", "issuedAt", "counter", "peopleAhead", "estimateMinutes", "toCategory", "toTicketId", "toTicketNumber",
            "rating", "alert", "reason", "estimateLowMinutes", "estimateHighMinutes"};

    private final JsonFactory factory;

    OfficeEventWriter(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] write(OfficeEvent e) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512)) {
            try (JsonGenerator g = factory.createGenerator(out)) {
                g.writeStartObject();
                g.writeNumberField("v", e.v());
                text(g, "eventId", e.eventId() == null ? null : e.eventId().toString());
                text(g, "office", e.office());
                g.writeNumberField("seq", e.seq());
                text(g, "type", e.type() == null ? null : e.type().name());
                instant(g, "at", e.at());
                text(g, "officeDay", e.officeDay() == null ? null : e.officeDay().toString());
                text(g, "ticketId", e.ticketId());
                text(g, "ticketNumber", e.ticketNumber());
                text(g, "category", e.category());
                instant(g, "issuedAt", e.issuedAt());
                number(g, "counter", e.counter());
                number(g, "peopleAhead", e.peopleAhead());
                number(g, "estimateMinutes", e.estimateMinutes());
                text(g, "toCategory", e.toCategory());
                text(g, "toTicketId", e.toTicketId());
                text(g, "toTicketNumber", e.toTicketNumber());
                text(g, "rating", e.rating() == null ? null : e.rating().name());
                text(g, "alert", e.alert());
                text(g, "reason", e.reason() == null ? null : e.reason().name());
                number(g, "estimateLowMinutes", e.estimateLowMinutes());
                number(g, "estimateHighMinutes", e.estimateHighMinutes());
                g.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException x) {
            throw new ProtocolException("cannot encode OfficeEvent: " + x.getMessage(), x);
        }
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.toString()); // ISO_INSTANT, as the data-binding path writes it
        }
    }

    private static void number(JsonGenerator g, String name, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.intValue());
        }
    }
}
