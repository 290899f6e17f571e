package dev.journeyboard.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeyboard.protocol.message.MessageCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code POST /api/boards} on the server under load: a new journey-template board and its links' tokens. */
final class BoardCreation {
    private BoardCreation() {}

    /** @param baseUrl the server's base URL ({@code http://127.0.0.1:8080}) */
    static Participant.LoadBoard create(HttpClient http, String baseUrl, String title) throws Exception {
        String body = "{\"title\":" + MessageCodec.json().writeValueAsString(title) + ",\"template\":\"journey\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/boards"))
                .header("content-type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("POST /api/boards: " + r.statusCode() + " " + r.body());
        JsonNode n = MessageCodec.parseObject(r.body());
        JsonNode t = n.get("tokens");
        return new Participant.LoadBoard(n.get("id").textValue(), t.get("facilitator").textValue(), t.get("edit").textValue(), t.get("view").textValue());
    }
}
