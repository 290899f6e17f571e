package dev.journeyboard.server.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.board.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The image contract on files, and where the files are. */
class EmbeddedImageStoreTest extends ImageStoreContract {
    final Path dataDir;

    EmbeddedImageStoreTest() {
        try {
            dataDir = Files.createTempDirectory("jb-images-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected ImageStore newStore() {
        return new EmbeddedImageStore(vertx, dataDir);
    }

    @Test
    void oneFilePerImageUnderTheBoardsFolderGoneWithTheBoard() throws IOException {
        String board = Tokens.newBoardId();
        byte[] png = Images.png(8, 8);
        await(store.put(board, "pic", png));
        Path file = dataDir.resolve("boards").resolve(board).resolve("images").resolve("pic");
        assertThat(Files.readAllBytes(file)).isEqualTo(png);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pic"); // no temporary file left
        }
        await(store.delete(board));
        assertThat(Files.exists(file.getParent())).isFalse();
    }
}
