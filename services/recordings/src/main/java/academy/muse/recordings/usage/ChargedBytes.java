package academy.muse.recordings.usage;

/**
 * The bytes an owner's stored uploads hold, as the uploads themselves record them: where a ledger starts from for an
 * owner whose uploads predate it. The upload store implements it, so that the ledger does not depend on uploads.
 */
public interface ChargedBytes {

    long of(String ownerId);
}
