package academy.muse.recordings.upload;

/** What is uploaded, as the {@code kind} metadata names it. */
public enum UploadKind {
    LESSON_TRACK("lesson-track"),
    MATERIAL("material");

    private final String label;

    UploadKind(String label) {
        this.label = label;
    }

    /**
     * A lesson is never silently unrecorded: a track of an open room is stored in full even past its owner's quota
     * (its bytes still count). Only materials are refused when the quota is used up.
     */
    public boolean mayExceedQuota() {
        return this == LESSON_TRACK;
    }

    public String label() {
        return label;
    }

    public static UploadKind fromLabel(String label) {
        for (UploadKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        return null;
    }
}
