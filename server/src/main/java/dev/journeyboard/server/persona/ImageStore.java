package dev.journeyboard.server.persona;

import io.vertx.core.Future;

/**
 * Where a board's uploaded images (persona photos) live, beside its {@code BoardStore}: the embedded store keeps a
 * file per image under the board's folder, Redis a key per image under the board's hash tag. Both pass the same
 * contract tests ({@code ImageStoreContract}). Bytes are stored as uploaded (already checked by {@link ImageType}).
 */
public interface ImageStore {

    /** Saves an image; completes once it is durable (fsynced; executed by Redis). */
    Future<Void> put(String boardId, String imageId, byte[] bytes);

    /** @return the image's bytes, or null when the board has no such image */
    Future<byte[]> get(String boardId, String imageId);

    /** Deletes every image of the board (called when the board is deleted). */
    Future<Void> delete(String boardId);

    /** How many images the board holds. */
    Future<Integer> count(String boardId);

    Future<Void> close();
}
