package academy.muse.recordings.tus;

/** The tus 1.0 protocol's names (https://tus.io/protocols/resumable-upload). */
public final class Tus {

    public static final String VERSION = "1.0.0";
    public static final String EXTENSIONS = "creation,creation-defer-length,termination,checksum,expiration";
    public static final String CHUNK_CONTENT_TYPE = "application/offset+octet-stream";

    public static final String RESUMABLE = "Tus-Resumable";
    public static final String TUS_VERSION = "Tus-Version";
    public static final String TUS_EXTENSION = "Tus-Extension";
    public static final String TUS_MAX_SIZE = "Tus-Max-Size";
    public static final String TUS_CHECKSUM_ALGORITHM = "Tus-Checksum-Algorithm";
    public static final String UPLOAD_OFFSET = "Upload-Offset";
    public static final String UPLOAD_LENGTH = "Upload-Length";
    public static final String UPLOAD_DEFER_LENGTH = "Upload-Defer-Length";
    public static final String UPLOAD_METADATA = "Upload-Metadata";
    public static final String UPLOAD_EXPIRES = "Upload-Expires";
    public static final String UPLOAD_CHECKSUM = "Upload-Checksum";
    public static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    /** The status tus defines for a chunk whose checksum does not match its bytes. */
    public static final int CHECKSUM_MISMATCH = 460;

    private Tus() {
    }
}
