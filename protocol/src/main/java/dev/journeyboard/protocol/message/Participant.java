package dev.journeyboard.protocol.message;

import dev.journeyboard.protocol.board.Role;

/** Someone connected to a board; {@code id} is assigned by the server per connection. */
public record Participant(String id, String name, String color, Role role) {}
