package academy.muse.signaling.room;

/** For room hubs in tests that are not about attendance events. */
public final class IgnoredAttendance implements Attendance {

    @Override
    public void joined(PeerRecord peer) {
    }

    @Override
    public void left(PeerRecord peer) {
    }
}
