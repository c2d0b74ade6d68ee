package academy.muse.mediastore;

/** One object in media storage, as {@link MediaStorage#list} reports it. */
public record StoredObject(String key, long size) {
}
