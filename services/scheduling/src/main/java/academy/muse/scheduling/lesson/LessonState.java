package academy.muse.scheduling.lesson;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a lesson occurrence is in its life: scheduled → room-ready → in-progress → completed, or missed when
 * nobody came, or cancelled. Room events drive it forward; it never goes back.
 */
public enum LessonState {
    SCHEDULED("scheduled"),
    ROOM_READY("room-ready"),
    IN_PROGRESS("in-progress"),
    COMPLETED("completed"),
    MISSED("missed"),
    CANCELLED("cancelled");

    private final String wire;

    LessonState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
