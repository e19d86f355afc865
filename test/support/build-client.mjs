/**
 * Asks the test run's build service (test/support/build-service.ts) for a
 * build and prints its reply, so that a test's synchronous `copy.build()`
 * can wait for it (test/support/project-copy.ts runs this with spawnSync):
 *
 *   node test/support/build-client.mjs <service address>   (the request as JSON on stdin)
 *
 * Prints the reply's JSON and exits 0; exits 1 with the reason when the
 * service could not be asked. Plain JavaScript: it runs with node alone.
 */
import { request } from "node:http";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const body = Buffer.concat(chunks);

const reply = await new Promise((done, fail) => {
  const asking = request(
    process.argv[2],
    { method: "POST", headers: { "content-type": "application/json", "content-length": body.length } },
    (response) => {
      const parts = [];
      response.on("data", (part) => parts.push(part));
      response.on("end", () => done({ status: response.statusCode, text: Buffer.concat(parts).toString("utf8") }));
      response.on("error", fail);
    },
  );
  asking.on("error", fail);
  asking.end(body);
}).catch((error) => ({ status: 0, text: String(error) }));

if (reply.status === 200) process.stdout.write(reply.text);
else {
  process.stderr.write(`The build service at ${process.argv[2]} did not build: ${reply.text}\n`);
  process.exitCode = 1;
}
