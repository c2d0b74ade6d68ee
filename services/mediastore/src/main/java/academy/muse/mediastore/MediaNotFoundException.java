package academy.muse.mediastore;

/** No object has the key that was asked for. */
public class MediaNotFoundException extends MediaStorageException {

    public MediaNotFoundException(String key) {
        super("no media object " + key);
    }
}
