/** Media storage shared by recordings (writes lesson tracks and materials) and vod (reads them, writes packages). */
package academy.muse.mediastore;
