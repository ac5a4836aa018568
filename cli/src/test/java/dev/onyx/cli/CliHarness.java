package dev.onyx.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the CLI in-process and captures exit code, stdout and stderr. */
final class CliHarness {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Result(int exit, String out, String err) {
        /** Parses stdout, asserting it holds exactly one JSON object and nothing else. */
        JsonNode json() {
            try (JsonParser p = MAPPER.createParser(out)) {
                assertThat(p.nextToken()).as("stdout starts with a JSON object: %s", out).isEqualTo(JsonToken.START_OBJECT);
                JsonNode n = MAPPER.readTree(p);
                assertThat(p.nextToken()).as("nothing after the JSON object on stdout").isNull();
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out, e);
            }
        }

        /** Asserts a failure with exit code 1, a single "onyx: ..." line on stderr, nothing on stdout. */
        Result failsWithOneLine(String... fragments) {
            assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(1);
            assertThat(out).as("stdout").isEmpty();
            assertThat(err.lines().count()).as("one line on stderr: %s", err).isEqualTo(1);
            assertThat(err).startsWith("onyx: ");
            for (String f : fragments) assertThat(err).contains(f);
            return this;
        }

        Result succeeds() {
            assertThat(exit).as("exit code; stderr: %s", err).isZero();
            return this;
        }
    }

    private CliHarness() {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OnyxCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
