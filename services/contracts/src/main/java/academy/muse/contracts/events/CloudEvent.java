package academy.muse.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, as it travels on the broker.
 *
 * @param id      unique per event; consumers are idempotent by it
 * @param source  the publishing service, e.g. {@code /muse/rooms}
 * @param type    the versioned type, e.g. {@code academy.muse.room.closed.v1}
 * @param subject what the event is about, e.g. a room code or a lesson occurrence id
 * @param data    the payload, one of the records in this package
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        OffsetDateTime time,
        String subject,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
}
