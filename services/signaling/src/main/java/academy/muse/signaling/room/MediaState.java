package academy.muse.signaling.room;

/** What a participant tells the others about their own media, shown next to their video. */
public record MediaState(boolean muted, boolean cameraOff, boolean recording) {

    public static final MediaState INITIAL = new MediaState(false, false, false);
}
