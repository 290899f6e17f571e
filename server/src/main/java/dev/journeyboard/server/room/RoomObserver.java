package dev.journeyboard.server.room;

/**
 * Told when this server starts and stops serving a board (a room loaded, a room closed): the cluster reads a
 * served board's inbox of relayed messages meanwhile. Called from any thread; must not block.
 */
public interface RoomObserver {
    RoomObserver NONE = new RoomObserver() {
        @Override
        public void loaded(Room room) {}

        @Override
        public void closed(Room room) {}
    };

    void loaded(Room room);

    void closed(Room room);
}
