package academy.muse.gateway.lesson;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * What the gateway knows of one lesson, from scheduling's {@code lesson.*} events only (the gateway never reads
 * scheduling's database): enough to mail its participants and to remind them.
 *
 * @param sequence  the lesson's revision as the last applied event said, its RFC 5545 SEQUENCE
 * @param joinLink  the room's join link once the room is issued, else null
 */
public record LessonCopy(String id, String seriesId, String teacherId, List<String> studentIds, String title,
                         Instant startsAt, Instant endsAt, int sequence, boolean cancelled, String joinLink) {

    static LessonCopy of(Document stored) {
        return new LessonCopy(stored.getString("_id"), stored.getString("seriesId"), stored.getString("teacherId"),
                stored.getList("studentIds", String.class, List.of()), stored.getString("title"),
                instant(stored, "startsAt"), instant(stored, "endsAt"), stored.getInteger("sequence", 0),
                stored.getBoolean("cancelled", false), stored.getString("joinLink"));
    }

    /** Teacher first, then the students. */
    List<String> participants() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(teacherId), studentIds.stream()).toList();
    }

    private static Instant instant(Document stored, String field) {
        Date date = stored.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
