package dev.journeyboard.server;

/** {@code java -jar journey-board-server.jar [--flag value ...]}; see {@link ServerConfig} or {@code --help}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Journey Board server\n\n" + ServerConfig.usage());
            return;
        }
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        var server = new JourneyBoardServer(config);
        server.start().onComplete(ar -> {
            if (ar.succeeded()) {
                System.out.println("Journey Board listening on http://localhost:" + server.port() + "  (store: "
                        + (config.redisUrl() == null ? "embedded, " + config.dataDir().toAbsolutePath().normalize() : "redis")
                        + "; sockets: " + server.transport() + ")");
            } else {
                System.err.println("Journey Board failed to start: " + ar.cause().getMessage());
                System.exit(1);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // exiting anyway: every acknowledged op is already in the log
            }
        }, "shutdown"));
    }
}
