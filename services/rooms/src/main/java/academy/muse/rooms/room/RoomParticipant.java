package academy.muse.rooms.room;

/** Someone who may join a room, and as what. A plain class because it is stored inside a room. */
public class RoomParticipant {

    public static final String HOST = "host";
    public static final String PARTICIPANT = "participant";
    public static final String OBSERVER = "observer";

    public String accountId;
    public String role;
    public String displayName;

    public RoomParticipant() {
    }

    public RoomParticipant(String accountId, String role, String displayName) {
        this.accountId = accountId;
        this.role = role;
        this.displayName = displayName;
    }
}
