package academy.muse.contracts.events;

/**
 * One kind of event: its versioned CloudEvents type, the broker address of its publishing domain and the
 * record its data deserialises to. A breaking change to a payload is a new type with a new version.
 *
 * @param type    e.g. {@code academy.muse.room.closed.v1}
 * @param address the multicast address of the publishing domain, e.g. {@code muse.room}
 */
public record EventType<T>(String type, String address, Class<T> dataClass) {

    static <T> EventType<T> of(String domain, String name, int version, Class<T> dataClass) {
        return new EventType<>("academy.muse." + domain + "." + name + ".v" + version, "muse." + domain, dataClass);
    }
}
