package academy.muse.mediastore;

/** The storage could not do what was asked (an I/O error, S3 refused, an offset beyond the end). */
public class MediaStorageException extends RuntimeException {

    public MediaStorageException(String message) {
        super(message);
    }

    public MediaStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
