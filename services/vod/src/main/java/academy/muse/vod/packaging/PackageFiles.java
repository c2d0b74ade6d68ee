package academy.muse.vod.packaging;

/** The names of the files in a package, as players and the media endpoint know them. */
public final class PackageFiles {

    public static final String DASH_MANIFEST = "manifest.mpd";
    public static final String HLS_MASTER = "master.m3u8";
    public static final String POSTER = "poster.jpg";

    private PackageFiles() {
    }

    /** The content type a browser needs for each kind of file vod serves; null for anything else. */
    public static String contentType(String fileName) {
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1);
        return switch (extension) {
            case "mpd" -> "application/dash+xml";
            case "m3u8" -> "application/vnd.apple.mpegurl";
            case "m4s" -> "video/iso.segment";
            case "mp4" -> "video/mp4";
            case "jpg" -> "image/jpeg";
            default -> null;
        };
    }

    /** Manifests are small and read first; segments, tracks and the poster never change once written. */
    public static boolean isManifest(String fileName) {
        return fileName.endsWith(".mpd") || fileName.endsWith(".m3u8");
    }
}
