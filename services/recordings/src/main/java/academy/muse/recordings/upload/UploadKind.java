package academy.muse.recordings.upload;

/** What is uploaded, as the {@code kind} metadata names it. */
public enum UploadKind {
    LESSON_TRACK("lesson-track"),
    MATERIAL("material");

    private final String label;

    UploadKind(String label) {
        this.label = label;
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
