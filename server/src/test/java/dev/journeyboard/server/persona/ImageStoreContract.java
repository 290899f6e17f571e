package dev.journeyboard.server.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.board.Tokens;
import dev.journeyboard.server.testing.StoreContract;
import org.junit.jupiter.api.Test;

/** The {@link ImageStore} contract, run against both stores: each subclass says how to make its store. */
abstract class ImageStoreContract extends StoreContract<ImageStore> {
    ImageStoreContract() {
        super(ImageStore::close);
    }

    @Test
    void anImageComesBackByteForByte() {
        String board = Tokens.newBoardId();
        byte[] png = Images.png(40, 30);
        await(store.put(board, "img1", png));
        await(store.put(board, "img2", Images.WEBP_LOSSLESS));
        assertThat(await(store.get(board, "img1"))).isEqualTo(png);
        assertThat(await(store.get(board, "img2"))).isEqualTo(Images.WEBP_LOSSLESS);
        assertThat(await(store.count(board))).isEqualTo(2);
    }

    @Test
    void anotherBoardsImagesAndUnknownIdsAreAbsent() {
        String a = Tokens.newBoardId(), b = Tokens.newBoardId();
        await(store.put(a, "img1", Images.png(4, 4)));
        assertThat(await(store.get(b, "img1"))).isNull();
        assertThat(await(store.get(a, "nope"))).isNull();
        assertThat(await(store.count(b))).isZero();
    }

    @Test
    void deletingABoardDeletesAllItsImagesAndNoOneElses() {
        String a = Tokens.newBoardId(), b = Tokens.newBoardId();
        await(store.put(a, "x1", Images.png(4, 4)));
        await(store.put(a, "x2", Images.jpeg(4, 4)));
        await(store.put(b, "y1", Images.png(5, 5)));
        await(store.delete(a));
        assertThat(await(store.get(a, "x1"))).isNull();
        assertThat(await(store.get(a, "x2"))).isNull();
        assertThat(await(store.count(a))).isZero();
        assertThat(await(store.get(b, "y1"))).isEqualTo(Images.png(5, 5));
        await(store.delete(Tokens.newBoardId())); // a board without images: nothing to do
    }

    @Test
    void aNewStoreOverTheSameBackingStillHasTheImages() {
        String board = Tokens.newBoardId();
        byte[] jpeg = Images.jpeg(64, 48);
        await(store.put(board, "kept", jpeg));
        await(store.close());
        store = newStore();
        assertThat(await(store.get(board, "kept"))).isEqualTo(jpeg);
    }
}
