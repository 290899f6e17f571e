package dev.journeyboard.server.voc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeyboard.server.board.Tokens;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feedback log contract on files, plus what only files have: a crash can tear the last append. */
class EmbeddedFeedbackLogTest extends FeedbackLogContract {
    @TempDir
    Path dataDir;

    @Override
    protected FeedbackLog newStore() {
        return new EmbeddedFeedbackLog(vertx, dataDir);
    }

    @Test
    void itLivesInTheBoardsFolder() {
        String b = Tokens.newBoardId();
        await(store.append(b, 0, records("x")));
        assertThat(dataDir.resolve("boards").resolve(b).resolve("feedback.log")).exists();
    }

    @Test
    void aTornLastAppendIsIgnoredAndCutOffByTheNextAppend() throws IOException {
        String b = Tokens.newBoardId();
        long p1 = await(store.append(b, 0, records("kept")));
        await(store.append(b, p1, records("torn")));
        Path f = dataDir.resolve("boards").resolve(b).resolve("feedback.log");
        long full = Files.size(f);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(full - 3); // the crash hit during the second append, before it was acknowledged
            ch.write(ByteBuffer.wrap(new byte[] {9, 9, 9, 9, 9}), full - 3); // and left garbage behind
        }
        var c = await(store.read(b, 0));
        assertThat(texts(c)).containsExactly("{\"t\":\"item\",\"text\":\"kept\"}");
        assertThat(c.next()).isEqualTo(p1);
        long p2 = await(store.append(b, c.next(), records("after")));
        assertThat(texts(await(store.read(b, 0)))).containsExactly("{\"t\":\"item\",\"text\":\"kept\"}", "{\"t\":\"item\",\"text\":\"after\"}");
        assertThat(Files.size(f)).isEqualTo(p2);
    }
}
