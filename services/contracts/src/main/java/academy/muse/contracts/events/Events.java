package academy.muse.contracts.events;

/** Every event type in Muse Academy; a publisher and its consumers name the same constant. */
public final class Events {

    private Events() {
    }

    public static final EventType<AccountEvents.AccountChanged> ACCOUNT_CREATED =
            EventType.of("account", "created", 1, AccountEvents.AccountChanged.class);
    public static final EventType<AccountEvents.AccountChanged> ACCOUNT_UPDATED =
            EventType.of("account", "updated", 1, AccountEvents.AccountChanged.class);
    public static final EventType<AccountEvents.RelationChanged> ACCOUNT_RELATION_ADDED =
            EventType.of("account", "relation-added", 1, AccountEvents.RelationChanged.class);
    public static final EventType<AccountEvents.AccountDeleted> ACCOUNT_DELETED =
            EventType.of("account", "deleted", 1, AccountEvents.AccountDeleted.class);

    public static final EventType<LessonEvents.LessonScheduled> LESSON_SCHEDULED =
            EventType.of("lesson", "scheduled", 1, LessonEvents.LessonScheduled.class);
    public static final EventType<LessonEvents.LessonCancelled> LESSON_CANCELLED =
            EventType.of("lesson", "cancelled", 1, LessonEvents.LessonCancelled.class);
    public static final EventType<LessonEvents.LessonRoomReady> LESSON_ROOM_READY =
            EventType.of("lesson", "room-ready", 1, LessonEvents.LessonRoomReady.class);
    public static final EventType<LessonEvents.LessonCompleted> LESSON_COMPLETED =
            EventType.of("lesson", "completed", 1, LessonEvents.LessonCompleted.class);
    public static final EventType<LessonEvents.LessonReplayReady> LESSON_REPLAY_READY =
            EventType.of("lesson", "replay-ready", 1, LessonEvents.LessonReplayReady.class);

    public static final EventType<RoomEvents.RoomOpened> ROOM_OPENED =
            EventType.of("room", "opened", 1, RoomEvents.RoomOpened.class);
    public static final EventType<RoomEvents.RoomClosed> ROOM_CLOSED =
            EventType.of("room", "closed", 1, RoomEvents.RoomClosed.class);

    public static final EventType<ParticipantEvents.ParticipantJoined> PARTICIPANT_JOINED =
            EventType.of("participant", "joined", 1, ParticipantEvents.ParticipantJoined.class);
    public static final EventType<ParticipantEvents.ParticipantLeft> PARTICIPANT_LEFT =
            EventType.of("participant", "left", 1, ParticipantEvents.ParticipantLeft.class);

    public static final EventType<RecordingEvents.RecordingCompleted> RECORDING_COMPLETED =
            EventType.of("recording", "completed", 1, RecordingEvents.RecordingCompleted.class);
    public static final EventType<RecordingEvents.StorageThresholdCrossed> RECORDING_STORAGE_THRESHOLD =
            EventType.of("recording", "storage-threshold", 1, RecordingEvents.StorageThresholdCrossed.class);

    public static final EventType<VodEvents.VodAssetReady> VOD_ASSET_READY =
            EventType.of("vod", "asset-ready", 1, VodEvents.VodAssetReady.class);
    public static final EventType<VodEvents.VodFailed> VOD_FAILED =
            EventType.of("vod", "failed", 1, VodEvents.VodFailed.class);
    public static final EventType<VodEvents.VodMediaStored> VOD_MEDIA_STORED =
            EventType.of("vod", "media-stored", 1, VodEvents.VodMediaStored.class);
    public static final EventType<VodEvents.VodMediaRemoved> VOD_MEDIA_REMOVED =
            EventType.of("vod", "media-removed", 1, VodEvents.VodMediaRemoved.class);
    public static final EventType<VodEvents.VodReplayVerified> VOD_REPLAY_VERIFIED =
            EventType.of("vod", "replay-verified", 1, VodEvents.VodReplayVerified.class);
}
