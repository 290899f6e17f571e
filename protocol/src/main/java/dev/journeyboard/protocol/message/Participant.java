package dev.journeyboard.protocol.message;

import dev.journeyboard.protocol.board.Role;

/**
 * Someone connected to a board; {@code id} is assigned by the server per connection.
 *
 * @param department id of the participant's {@code department} element (chosen at join or assigned by the
 *                   facilitator), or null: what department-scoped lanes and stages admit
 */
public record Participant(String id, String name, String color, Role role, String department) {

    /** A participant without a department. */
    public Participant(String id, String name, String color, Role role) {
        this(id, name, color, role, null);
    }

    public Participant withRole(Role next) {
        return new Participant(id, name, color, next, department);
    }

    public Participant withDepartment(String next) {
        return new Participant(id, name, color, role, next);
    }
}
