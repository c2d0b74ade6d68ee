package academy.muse.signaling.room;

/** One participant's live WebSocket as the room logic sees it, whatever server carries it. */
public interface PeerConnection {

    /** Unique per connection, also across replicas. */
    String id();

    /** Sends a text message without waiting; a failed send is the transport's concern. */
    void send(String text);

    /** Sends a WebSocket ping frame; browsers answer with a pong by themselves. */
    void ping();

    void close(int code, String reason);
}
